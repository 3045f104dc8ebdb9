"""The numbers the site tells people to call: 999 for an emergency, 111 for urgent help the
same day. Red flags name theirs by level (``conditions.urgency.CALL_NUMBERS``); search ranks an
emergency first by it. ``emergency_signs`` is the one phrase naming the signs that need 999."""

from functools import lru_cache

from django.template.loader import render_to_string
from django.utils.functional import lazy

EMERGENCY_CALL = "999"
URGENT_CALL = "111"


@lru_cache(maxsize=1)
def emergency_signs():
    """The emergency signs in one phrase (``templates/_emergency_signs.html``, which templates
    include), for a sentence written in Python that sends a runner to 999. Fixed text: read
    once per process, as ``{% fixed %}`` parts are."""
    return render_to_string("_emergency_signs.html").strip()


emergency_signs_lazy = lazy(emergency_signs, str)
