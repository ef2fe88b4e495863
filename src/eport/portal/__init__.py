"""The web portal (门户): login, and a participant's home with its users and tokens."""
