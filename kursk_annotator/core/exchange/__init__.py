"""Exchanging annotations with other stores and tools: W3C Web Annotation JSON-LD.

* ``w3c``: the JSON-LD shape (export of a collection, reading a file into its nodes);
* ``parse``: one Annotation node -> a :class:`~.parse.ParsedAnnotation`, or a one-line error;
* ``reanchor``: find a quote selector again in a (possibly changed) text;
* ``plan``: the parsed annotations of a file -> the rows to store (:class:`~.plan.ImportBatch`),
  deciding duplicates, anchors and orphans; pure apart from reading what is stored;
* ``importer``: :func:`~.importer.import_annotations`, which reads, plans and stores a file
  through the services (``Workspace.imports``) in one transaction;
* ``orphans``: the table of annotations that could not be anchored, and reading it.

Nothing here writes to the database itself: storing goes through
``core.services.imports.ImportService``, which keeps the services' rules and history.
"""
