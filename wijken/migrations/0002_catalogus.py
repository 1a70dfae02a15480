from django.db import migrations


def laad(apps, schema_editor):
    from wijken.services import load_catalogue

    load_catalogue(models=apps)


class Migration(migrations.Migration):
    dependencies = [("wijken", "0001_initial")]
    operations = [migrations.RunPython(laad, migrations.RunPython.noop)]
