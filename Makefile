# Thin aliases for tasks.py (the quick start needs nothing but Python: `python3 tasks.py demo|test`).
PYTHON ?= python3
.PHONY: demo test venv system-deps bench clean
demo test venv system-deps bench clean:
	$(PYTHON) tasks.py $@
