"""Write every exercise's drawn illustrations to static/exercises/ as SVG files."""

from django.conf import settings
from django.core.management.base import BaseCommand

from exercises.illustrations import FRAMES, illustrations


class Command(BaseCommand):
    help = "Draws the exercise illustrations into static/exercises/ (commit the result)."

    def handle(self, *args, **options):
        folder = settings.BASE_DIR / "static"
        written = 0
        for slug in FRAMES:
            for illustration in illustrations(slug):
                path = folder / illustration.filename
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(illustration.svg(), encoding="utf-8")
                written += 1
        self.stdout.write(f"Wrote {written} illustrations to {folder / 'exercises'}.")
