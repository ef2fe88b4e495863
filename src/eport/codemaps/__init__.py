"""Per-partner code maps (代码转换) kept in the database: partner code ⇄ standard code per code
list, each partner's policy for unknown codes, and the mapper built from them.

The exchange hub calls :func:`eport.codemaps.services.load_code_mapper` for a participant and
hands the mapper to :mod:`eport.translate.message_codes` or to a translator.
"""
