"""Translation between the canonical logistics model and wire formats.

`registry.translate(source, to=...)` turns documents or a file into ``json``, ``dcsa``,
``csv``, ``edifact:D95B`` or ``edifact:D00B``; `edifact` holds the UN/EDIFACT mappings.
"""
