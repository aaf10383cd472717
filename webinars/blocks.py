"""Blocks that bring webinar material into lessons."""

from .views import recording_part_chooser_viewset

_BaseRecordingPartChooserBlock = recording_part_chooser_viewset.get_block_class(
    name="RecordingPartChooserBlock", module_path="webinars.blocks"
)


class RecordingPartChooserBlock(_BaseRecordingPartChooserBlock):
    """Chooses a recording part; loads the parts of a page body with their webinars and files
    in one query."""

    def bulk_to_python(self, values):
        objects = self.model_class.objects.select_related("page", "video").in_bulk(
            [value for value in values if value is not None]
        )
        return [objects.get(value) for value in values]
