"""Write the anatomy diagrams and the body map to static/diagrams/ as SVG files."""

from django.conf import settings
from django.core.management.base import BaseCommand

from conditions.anatomy import DRAWINGS_ALL


class Command(BaseCommand):
    help = "Draws the anatomy diagrams and the body map into static/diagrams/ (commit them)."

    def handle(self, *args, **options):
        for diagram in DRAWINGS_ALL:
            target = settings.BASE_DIR / "static" / diagram.filename
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(diagram.svg(), encoding="utf-8")
        self.stdout.write(f"Wrote {len(DRAWINGS_ALL)} diagrams.")
