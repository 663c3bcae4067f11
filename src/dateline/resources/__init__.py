"""Data the stages read: word lists, gazetteer, ontology tables. Each table names its source."""
