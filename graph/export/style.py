"""One visual style for every export that draws: the HTML view and the Gephi files (GraphML/GEXF).

Examples
--------
>>> TYPE_STYLES["State"]["shape"], FAMILY_COLORS["conflict"]
('diamond', '#d62728')
"""

from __future__ import annotations

from newsgraph.extractors.models import FAMILIES, INSTITUTION, LOCATION, PERSON, STATE

__all__ = ["TYPE_STYLES", "OTHER_TYPE", "FAMILY_COLORS", "OTHER_FAMILY"]

#: Colour and vis-network shape per entity type (legend, node style).
TYPE_STYLES = {
    PERSON: {"color": "#1f77b4", "shape": "dot"},
    STATE: {"color": "#ff7f0e", "shape": "diamond"},
    INSTITUTION: {"color": "#17becf", "shape": "square"},
    LOCATION: {"color": "#8c564b", "shape": "triangle"},
}
OTHER_TYPE = {"color": "#7f7f7f", "shape": "hexagon"}

#: Edge colour per relation family (``extractors.models.FAMILIES``, in that order): cooperation
#: green, conflict red, role purple, co-occurrence grey.
FAMILY_COLORS = dict(zip(FAMILIES, ("#2ca02c", "#d62728", "#9467bd", "#a8a8a8"), strict=True))
OTHER_FAMILY = "#555555"
