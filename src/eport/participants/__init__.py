"""Participants of the port community (参与方): enterprises, authorities, their roles and codes."""
