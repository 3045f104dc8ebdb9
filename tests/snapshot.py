"""A copy of the test database's rows, taken once per test session and put back in a moment.

Tests on a transactional database (the browser tests, behind ``live_server``) see a database
that Django empties after each test; loading the seed content again for each of them took about
5 s. The copy is of every model's table as stored (many-to-many tables and history included),
read and written with plain SQL, so it comes back exactly: no ``save()``, no signals, the same
primary keys and timestamps. Foreign keys are checked at commit on SQLite and PostgreSQL alike,
so the order in which tables are emptied and written does not matter. (DELETE rather than
Django's flush: PostgreSQL's TRUNCATE of every table takes over a second, DELETE of these few
rows a few milliseconds.)
"""

from django.apps import apps
from django.core.management.color import no_style
from django.db import connections, transaction


class Snapshot:
    def __init__(self, using="default"):
        self.using = using
        connection = connections[using]
        quote = connection.ops.quote_name
        self.tables = {}
        with connection.cursor() as cursor:
            for table in sorted(connection.introspection.django_table_names(only_existing=True)):
                cursor.execute(f"SELECT * FROM {quote(table)}")
                columns = [column[0] for column in cursor.description]
                self.tables[table] = (columns, cursor.fetchall())

    def restore(self):
        """Empty the database and write the copy back."""
        connection = connections[self.using]
        quote = connection.ops.quote_name
        with transaction.atomic(using=self.using), connection.cursor() as cursor:
            for table, (columns, rows) in self.tables.items():
                cursor.execute(f"DELETE FROM {quote(table)}")
                if rows:
                    names = ", ".join(quote(column) for column in columns)
                    values = ", ".join(["%s"] * len(columns))
                    cursor.executemany(
                        f"INSERT INTO {quote(table)} ({names}) VALUES ({values})", rows
                    )
            models = apps.get_models(include_auto_created=True)
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
