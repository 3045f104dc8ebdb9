from django.core.management.base import BaseCommand

from search.indexing import rebuild_index
from search.models import SearchDocument


class Command(BaseCommand):
    help = "Rebuilds the stored search entries of every published item."

    def handle(self, *args, **options):
        rebuild_index()
        self.stdout.write(f"Indexed {SearchDocument.objects.count()} items.")
