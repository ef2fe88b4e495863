"""The validate step: each message against its MIG or directory (levels 2 and 3).

Uses the EDIFACT engine's `validate_message` with the community MIG catalogue (compiled once
per process) and the directories an operator imported into the data folder. Errors reject
the message (APERAK to the sender); warnings are kept in the interchange's findings.
"""

from __future__ import annotations

from pathlib import Path

from eport.edifact import Finding, Interchange, Message
from eport.edifact.mig import default_catalog
from eport.edifact.validate import StoredDirectories, validate_message
from eport.exchange.pipeline import MessageValidator


def message_validator(data_dir: Path | None = None) -> MessageValidator:
    catalog = default_catalog()
    directories = StoredDirectories(data_dir)

    def validate(interchange: Interchange, message: Message) -> list[Finding]:
        return validate_message(
            message,
            interchange_ref=interchange.control_ref or None,
            directories=directories,
            catalog=catalog,
        )

    return validate
