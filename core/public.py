"""What runners see of any content model: live items only, on pages cached for everyone but
signed-in staff."""

from django.utils.decorators import method_decorator

from core.caching import cached_public_page


def visible(model, request=None):
    """What runners see: live items only (published, not a working draft), for staff too
    (drafts are previewed from the clinician workspace)."""
    return model.objects.live()


class PublicMixin:
    """Published items only; the page is cached for everyone but signed-in staff."""

    @method_decorator(cached_public_page)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return visible(self.model, self.request)

    @classmethod
    def preview(cls, request, obj):
        """The page as runners will see it once ``obj`` (a draft) is published."""
        view = cls()
        view.setup(request, slug=obj.slug)
        view.object = obj
        context = view.get_context_data(object=obj, preview_item=obj)
        return view.render_to_response(context)
