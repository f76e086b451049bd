// Analyst questions for a newsgraph knowledge graph, in Cypher.
//
// They run unchanged in Neo4j 5 (after `newsgraph export neo4j`, `cypher-shell -f graph.cypher`
// or the neo4j-admin import) and on the embedded engine with no server:
//     newsgraph query out/graph.json --file docs/queries.cypher
// The model (labels, relationship types, properties) is described in docs/neo4j.md.
// Names in quotes are examples from the sample corpus: change them to your entities.
// Portable Cypher only: no shortestPath in MATCH, no EXISTS {} / COUNT {} subqueries, no APOC.
// Dates (`date`, `first_seen`, `last_seen`) are Neo4j dates: compare them with date('2026-01-01'),
// not with strings; queries return them as text (toString), which every engine and driver reads.

// Who offered asylum to whom, and through whom? (the channel named in the same sentence as the offer)
MATCH (a:Entity)-[o:OFFERED_ASYLUM_TO]->(b:Entity)
OPTIONAL MATCH (a)<-[:SUBJECT]-(ev:Event)-[:OBJECT]->(b)
OPTIONAL MATCH (ev)-[ch:CHANNEL]->(m:Entity)
WHERE a.id IN ch.parties
RETURN a.name AS offered_by, b.name AS offered_to, o.status AS status, o.docs AS documents,
       o.outlets AS outlets, collect(DISTINCT m.name) AS through
ORDER BY offered_by, offered_to;

// Offers of asylum and the channel tied to each: one row per offer sentence
MATCH (a:Entity)<-[:SUBJECT]-(e:Evidence {type: 'OFFERED_ASYLUM_TO'})-[:OBJECT]->(b:Entity)
MATCH (e)-[:PART_OF]->(ev:Event)-[:IN]->(d:Document)
OPTIONAL MATCH (ev)-[ch:CHANNEL]->(m:Entity)
WHERE a.id IN ch.parties
RETURN a.name AS offered_by, b.name AS offered_to, e.status AS status, toString(ev.date) AS date,
       collect(DISTINCT m.name) AS through, e.trigger AS trigger, ev.sentence AS sentence, d.title AS document
ORDER BY offered_by, offered_to, date, sentence;

// Every mediator: who acted through whom, and who mediated
MATCH (a:Entity)-[r:MEDIATED_VIA|MEDIATED]->(b:Entity)
WITH CASE type(r) WHEN 'MEDIATED_VIA' THEN b ELSE a END AS mediator,
     CASE type(r) WHEN 'MEDIATED_VIA' THEN a ELSE b END AS party, r
RETURN mediator.name AS mediator, mediator.type AS type, collect(DISTINCT party.name) AS for_or_between,
       toInteger(sum(r.weight)) AS sources
ORDER BY sources DESC, mediator;

// All relations between two named entities, with the sentences that say them
MATCH (a:Entity {name: 'Russia'})-[r]-(b:Entity {name: 'Nicolás Maduro'})
WHERE type(r) <> 'MENTIONED_WITH'
MATCH (e:Evidence {rel_id: r.rel_id})-[:IN]->(d:Document)
RETURN startNode(r).name AS subject, type(r) AS relation, endNode(r).name AS object,
       e.status AS status, e.according_to AS according_to, e.sentence AS sentence, d.title AS document
ORDER BY relation, document, e.start, subject;

// The most connected people (distinct partners in typed relations, co-occurrence left out)
MATCH (p:Person)-[r]-(other:Entity)
WHERE type(r) <> 'MENTIONED_WITH'
RETURN p.name AS person, count(DISTINCT other) AS partners, count(r) AS relations,
       collect(DISTINCT type(r)) AS relation_types
ORDER BY partners DESC, relations DESC, person
LIMIT 10;

// Paths of up to three relations between Russia and Nicolás Maduro (simple paths: no entity twice)
MATCH p = (a:Entity {name: 'Russia'})-[*1..3]-(b:Entity {name: 'Nicolás Maduro'})
WHERE all(n IN nodes(p) WHERE n:Entity) AND all(r IN relationships(p) WHERE type(r) <> 'MENTIONED_WITH')
  AND all(n IN nodes(p) WHERE size([m IN nodes(p) WHERE m.id = n.id]) = 1)
RETURN DISTINCT [n IN nodes(p) | n.name] AS path, [r IN relationships(p) | type(r)] AS relations,
       length(p) AS hops
ORDER BY hops, path, relations
LIMIT 25;

// What does a given document say? Every relation read in it, in text order
MATCH (d:Document)<-[:IN]-(e:Evidence)
WHERE d.title STARTS WITH 'Russia offered Maduro asylum' AND e.type <> 'MENTIONED_WITH'
MATCH (e)-[:SUBJECT]->(s:Entity)
MATCH (e)-[:OBJECT]->(o:Entity)
RETURN s.name AS subject, e.type AS relation, o.name AS object, e.status AS status,
       e.trigger AS trigger, e.sentence AS sentence
ORDER BY e.start, relation, subject, object;

// Relations that are only alleged, proposed, considered or hypothetical (never asserted or reported)
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.status IN ['alleged', 'proposed', 'considered', 'hypothetical']
RETURN a.name AS subject, type(r) AS relation, b.name AS object, r.status AS status, r.weight AS sources
ORDER BY status, relation, subject, object;

// Who says so? Claims per source ("according to ..."): the entity when the source is one, else the text
MATCH (e:Evidence)
WHERE e.according_to IS NOT NULL
OPTIONAL MATCH (e)-[:ACCORDING_TO]->(s:Entity)
RETURN coalesce(s.name, e.according_to) AS source, s.type AS source_type, count(*) AS claims,
       collect(DISTINCT e.type) AS relations
ORDER BY claims DESC, source
LIMIT 20;

// Outlets and what they report: distinct documents, sentences and relation types per outlet
MATCH (o:Outlet)<-[:PUBLISHED_BY]-(d:Document)<-[:IN]-(e:Evidence)
WHERE e.type <> 'MENTIONED_WITH'
RETURN o.name AS outlet, count(DISTINCT d) AS documents, count(e) AS sentences,
       collect(DISTINCT e.type) AS relations
ORDER BY documents DESC, sentences DESC, outlet;

// Pairs of entities in typed relations both ways or in several types (each pair once)
MATCH (a:Entity)-[r]-(b:Entity)
WHERE a.id < b.id AND type(r) <> 'MENTIONED_WITH'
WITH a, b, collect(DISTINCT type(r)) AS relations, toInteger(sum(r.docs)) AS documents
WHERE size(relations) > 1
RETURN a.name AS entity, b.name AS other, relations, documents
ORDER BY size(relations) DESC, entity, other;

// Relations whose sources disagree on their status
MATCH (a:Entity)-[r]->(b:Entity)
MATCH (e:Evidence {rel_id: r.rel_id})
WITH a, r, b, collect(DISTINCT e.status) AS statuses
WHERE size(statuses) > 1
RETURN a.name AS subject, type(r) AS relation, b.name AS object, statuses
ORDER BY relation, subject, object;

// Everything said about Nicolás Maduro, by document date
MATCH (m:Entity {name: 'Nicolás Maduro'})<-[:SUBJECT|OBJECT]-(e:Evidence)-[:IN]->(d:Document)
WHERE e.type <> 'MENTIONED_WITH'
MATCH (e)-[:SUBJECT]->(s:Entity)
MATCH (e)-[:OBJECT]->(o:Entity)
RETURN toString(d.date) AS date, s.name AS subject, e.type AS relation, o.name AS object, e.status AS status,
       d.title AS document, count(*) AS sentences
ORDER BY date, document, relation, subject, object;

// What was reported in a date range (here: January 2026), newest first
MATCH (s:Entity)<-[:SUBJECT]-(e:Evidence)-[:OBJECT]->(o:Entity)
WHERE e.type <> 'MENTIONED_WITH' AND e.date >= date('2026-01-01') AND e.date < date('2026-02-01')
RETURN toString(e.date) AS date, s.name AS subject, e.type AS relation, o.name AS object, e.status AS status
ORDER BY date DESC, subject, relation, object;

// States in asylum relations, with their codes
MATCH (s:State)-[r:OFFERED_ASYLUM_TO|GRANTED_ASYLUM_TO|SOUGHT_ASYLUM_IN]-(x:Entity)
RETURN s.name AS state, s.iso3 AS iso3, s.wikidata AS wikidata, type(r) AS relation, x.name AS other,
       r.status AS status
ORDER BY state, relation, other, status;

// Who heads or belongs to what, with the role words of the evidence
MATCH (p:Entity)-[r:HEAD_OF|MEMBER_OF]->(org:Entity)
MATCH (e:Evidence {rel_id: r.rel_id})
RETURN p.name AS person, type(r) AS relation, org.name AS organisation, collect(DISTINCT e.role) AS roles,
       r.weight AS sources
ORDER BY organisation, person, relation;

// The entities named in the most documents
MATCH (n:Entity)-[m:MENTIONED_IN]->(d:Document)
RETURN n.name AS entity, n.type AS type, count(d) AS documents, toInteger(sum(m.count)) AS mentions
ORDER BY documents DESC, mentions DESC, entity
LIMIT 15;

// Who is mentioned in the same sentences as Nicolás Maduro, most often first
MATCH (m:Entity {name: 'Nicolás Maduro'})-[r:MENTIONED_WITH]-(o:Entity)
RETURN o.name AS entity, o.type AS type, r.weight AS sentences
ORDER BY sentences DESC, entity
LIMIT 15;
