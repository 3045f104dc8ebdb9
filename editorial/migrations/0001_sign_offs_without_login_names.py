"""Sign-offs stored with a login name ("rev1 (clinical reviewer)") name the person's full name
and role instead, or the role alone ("Clinical reviewer") when the account has no full name."""

from django.conf import settings
from django.db import migrations

from editorial.review import relabel_sign_offs


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("conditions", "0005_drafts_and_revisions"),
        ("exercises", "0005_suitability"),
        ("triage", "0006_question_picture"),
    ]

    operations = [migrations.RunPython(relabel_sign_offs, migrations.RunPython.noop)]
