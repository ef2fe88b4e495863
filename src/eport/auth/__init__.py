"""Users, API tokens, portal sessions and the audit log: who may do what, and who did."""
