"""Team stores on PostgreSQL: logins, rights enforced by the database, set-up commands."""
