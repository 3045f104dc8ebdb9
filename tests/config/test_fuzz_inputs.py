"""Every form and list filter the site serves, fed a NUL, bytes that are not UTF-8 and a
10,000-character value, logged out and as a superuser: never a 5xx.

The sweep finds its own targets. It reverses every URL pattern without arguments from the
resolver, opens one change page per model admin, and follows the links, form actions and
(outside the admin) the forms' own default answers to reach the patterns that take
arguments: a questionnaire walk to its result, a preview walk for staff. On every page it
reaches, each field of each form and each admin changelist filter parameter is sent each bad
value in turn, the other fields keeping what the page filled in. A pattern no sweep reached
fails the test unless UNREACHED says why.
"""

import html.parser
import sys
import types
import urllib.parse
from dataclasses import dataclass, field

import pytest
from axes.models import AccessFailureLog
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import Client
from django.urls import NoReverseMatch, Resolver404, URLResolver, get_resolver, path, resolve
from django.urls import reverse as django_reverse

from triage.models import Questionnaire
from triage.questionnaire.versions import copy_as_draft

pytestmark = pytest.mark.django_db

# What each bad value looks like on the wire (already percent-encoded).
BAD_VALUES = {"nul": "%00", "not-utf8": "%ff%fe", "long": "x" * 10_000}

# Patterns the sweep cannot reach by following the site, with the reason.
UNREACHED = {
    "media": "serves uploaded files only; the seed content has none (tests/exercises/test_picture_access.py)",
    "admin:view_on_site": "redirects to the public page of an object; takes no form input",
    "admin:<path:object_id>/": "Django's redirect from an object's old admin address; unnamed",
    "admin:(?P<url>.*)$": "the admin's catch-all: a redirect to the login page or a 404",
    "^admin/conditions/source/(?P<rest>.*)$": "a redirect from the sources' old admin "
    "addresses; takes no form input (tests/editorial/test_admin_pages.py)",
    "running:morning": "opens once a session is logged without a warning sign; the sweep answers "
    "the first option, a warning sign, which stops the programme (tests/running/test_bad_values.py)",
    "running:outcome": "opens two weeks after a log starts (tests/running/test_bad_values.py)",
}

MAX_PAGES = 400
PASSWORD = "fuzz-password-1"
MAX_DEFAULT_SUBMITS = 150


@dataclass
class Form:
    method: str
    action: str
    fields: list = field(default_factory=list)  # (name, value) pairs, as the browser sends
    choices: dict = field(default_factory=dict)  # name -> the values offered

    def answer(self, name):
        """A red flag's "no" where offered, otherwise the first choice."""
        offered = self.choices[name]
        return next((value for value in offered if value in {"no", "none"}), offered[0])


class PageParser(html.parser.HTMLParser):
    """The links and forms of one HTML page: enough of a browser to fill a form in."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.forms = [], []
        self.form = None
        self.select = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            self.form = Form(
                method=(attrs.get("method") or "get").lower(), action=attrs.get("action") or ""
            )
            self.forms.append(self.form)
        elif self.form is None or not attrs.get("name"):
            return
        elif tag == "input":
            kind = (attrs.get("type") or "text").lower()
            name, value = attrs["name"], attrs.get("value") or ""
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if not value and (kind == "number" or attrs.get("inputmode") == "numeric"):
                value = "30"  # a number box (an age): a plausible answer
            if kind in {"radio", "checkbox"}:
                self.form.choices.setdefault(name, []).append(value or "on")
                if "checked" not in attrs:
                    return
            self.form.fields.append((name, value))
        elif tag == "select":
            self.select = [attrs["name"], None, False]
        elif tag == "textarea":
            self.textarea = [attrs["name"], ""]
        elif tag == "option" and self.select is not None:
            value = attrs.get("value", "")
            if value:
                self.form.choices.setdefault(self.select[0], []).append(value)
            if "selected" in attrs and not self.select[2]:
                self.select[1:] = [value, True]

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select" and self.select is not None:
            if self.form is not None:
                self.form.fields.append((self.select[0], self.select[1] or ""))
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            if self.form is not None:
                self.form.fields.append(tuple(self.textarea))
            self.textarea = None


def view_names(patterns=None, namespace=()):
    """Every named pattern in the resolver, as "namespace:name" (the route for unnamed ones)."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = (*namespace, pattern.namespace) if pattern.namespace else namespace
            yield from view_names(pattern.url_patterns, inner)
        else:
            yield (pattern, ":".join((*namespace, pattern.name or str(pattern.pattern))))


def view_name_of(url):
    """The pattern a same-site address resolves to, or None."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    return match.view_name or match.route


def encoded(pairs):
    return urllib.parse.urlencode(pairs, doseq=True)


def bad_pairs(names, value):
    return "&".join(f"{urllib.parse.quote(name)}={value}" for name in names)


class Sweep:
    """Crawl from every pattern's reachable start, then send bad values to what was found."""

    def __init__(self, client, *, user=None, only=lambda name: True):
        self.client, self.user, self.only = client, user, only
        self.pages = {}  # view name -> first address reached
        self.forms = {}  # (view name, method, action, field names) -> (page address, Form)
        self.filters = {}  # changelist address -> its filter parameter names
        self.failures = []
        self.sent_to = set()  # view names that got at least one request
        self.requests = 0
        self.default_submits = 0
        self.submitted = set()  # form addresses answered once already (a walk never loops)

    # Crawling -----------------------------------------------------------------------------
    def start_addresses(self):
        for _pattern, name in view_names():
            if not self.only(name):
                continue
            try:
                yield django_reverse(name)
            except NoReverseMatch:
                pass
        if self.user is not None:
            yield from self.admin_object_addresses()

    def admin_object_addresses(self):
        """Each model admin's pages of its newest object (a draft, where there is one):
        change, history, delete and the admin's own."""
        import reversion
        from django.contrib import admin
        from reversion.models import Version

        for model, model_admin in admin.site._registry.items():
            newest = model_admin.get_queryset(self.request()).order_by("pk").last()
            if newest is None:
                continue
            registered = reversion.is_registered(model)
            version = Version.objects.get_for_object(newest).first() if registered else None
            values = {"object_id": newest.pk, "pk": newest.pk, "id": newest.pk}
            values["version_id"] = version.pk if version else None
            for pattern in model_admin.urls:
                name = f"admin:{pattern.name}"
                wanted = pattern.pattern.converters
                if not pattern.name or not wanted or not self.only(name):
                    continue
                kwargs = {key: values.get(key) for key in wanted}
                if None not in kwargs.values():
                    yield django_reverse(name, kwargs=kwargs)

    def request(self):
        from django.test import RequestFactory

        request = RequestFactory().get("/")
        request.user = self.user or AnonymousUser()
        return request

    def crawl(self):
        queue = list(self.start_addresses())
        while queue and len(self.pages) < MAX_PAGES:
            address = queue.pop(0)
            name = view_name_of(address)
            if name is None or name in self.pages or not self.only(name):
                continue
            self.pages[name] = address
            response = self.send("get", address)
            for _hop in range(3):  # follow a redirect to the page it lands on
                if response.status_code not in (301, 302, 303) or not response.get("Location"):
                    break
                landing = response["Location"]
                landing_name = view_name_of(landing)
                if landing_name is None or landing_name in self.pages:
                    break
                if self.only(landing_name):
                    self.pages[landing_name] = landing
                response = self.send("get", landing)
                address = landing
            self.read_page(address, response, queue)

    def read_page(self, address, response, queue):
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            return
        parser = PageParser()
        parser.feed(response.content.decode(errors="replace"))
        for link in parser.links:
            target = urllib.parse.urljoin(address, link)
            name = view_name_of(target)
            if name and name not in self.pages:
                queue.append(urllib.parse.urlsplit(target).path)
        changelist = (response.context or {}).get("cl") if response.context else None
        if changelist is not None:
            names = {"q", "o", "p", "_facets", "all"}
            for spec in changelist.filter_specs:
                names.update(spec.expected_parameters())
            self.filters[address] = sorted(names)
        for form in parser.forms:
            action = urllib.parse.urlsplit(urllib.parse.urljoin(address, form.action))
            target = action.path + (f"?{action.query}" if action.query else "")
            name = view_name_of(target)
            if name is None:
                continue
            key = (name, form.method, tuple(sorted({n for n, _ in form.fields})))
            if key not in self.forms:
                self.forms[key] = (target, form)
            if form.method == "post" and not name.startswith("admin:"):
                self.submit_defaults(target, form, queue)

    def submit_defaults(self, target, form, queue):
        """Answer a public (or preview) form as a browser would, and crawl where it leads:
        a walk through the questionnaire to its result."""
        if self.default_submits >= MAX_DEFAULT_SUBMITS or target in self.submitted:
            return
        self.default_submits += 1
        self.submitted.add(target)
        filled = dict(form.fields)
        pairs = list(form.fields) + [(n, form.answer(n)) for n in form.choices if n not in filled]
        response = self.send("post", target, body=encoded(pairs))
        location = response.get("Location") if response.status_code in (302, 303) else None
        if location and urllib.parse.urljoin(target, location) != target:  # not stuck
            name = view_name_of(location)
            if name and self.only(name):
                landing = urllib.parse.urljoin(target, location)
                page = self.send("get", landing)
                if name not in self.pages:
                    self.pages[name] = landing
                self.read_page(landing, page, queue)

    # Sending bad values --------------------------------------------------------------------
    def send(self, method, address, *, body=""):
        self.requests += 1
        name = view_name_of(address)
        if name is not None:
            self.sent_to.add(name)
        if method == "get":
            response = self.client.get(
                address + (("&" if "?" in address else "?") + body if body else "")
            )
        else:
            response = self.client.post(
                address, data=body, content_type="application/x-www-form-urlencoded"
            )
        if response.status_code >= 500:
            self.failures.append(
                f"{method.upper()} {address[:120]} {body[:120]!r}: {response.status_code}"
            )
        if self.user is not None and "_auth_user_id" not in self.client.session:
            self.client.force_login(self.user)  # a logout form was among the targets
        return response

    def attack(self):
        """GET forms and changelist filters one parameter at a time (an admin changelist
        stops at the first bad lookup); a posted form with every field bad at once, so each
        field's own cleaning sees the value."""
        for (_name, method, _fields), (target, form) in self.forms.items():
            names = sorted({n for n, _ in form.fields} | set(form.choices))
            for value in BAD_VALUES.values():
                if method == "post":
                    self.send("post", target, body=bad_pairs(names, value))
                    continue
                for name in names:
                    rest = encoded([(n, v) for n, v in form.fields if n != name])
                    body = "&".join(filter(None, [rest, bad_pairs([name], value)]))
                    self.send("get", target.split("?")[0], body=body)
        for address, names in self.filters.items():
            for name in names:
                for value in BAD_VALUES.values():
                    self.send("get", address, body=bad_pairs([name], value))

    def run(self):
        self.crawl()
        self.attack()
        return self


@pytest.fixture
def superuser():
    """A superuser, with one failed and one good login on record for the login-record admins."""
    user = get_user_model().objects.create_superuser("fuzz-admin", "fuzz@example.com", PASSWORD)
    client = Client()
    for username, password in (("nobody", "wrong-password"), (user.username, PASSWORD)):
        client.post(django_reverse("admin:login"), {"username": username, "password": password})
    AccessFailureLog.objects.create(username="nobody", ip_address="127.0.0.1", path_info="/")
    copy_as_draft(Questionnaire.objects.live())  # its preview offers to save a test case
    return user


@pytest.mark.slow
@pytest.mark.usefixtures("seed")
def test_no_form_or_filter_answers_a_5xx_to_bad_values(superuser):
    visitor = Sweep(Client(raise_request_exception=False)).run()
    staff_client = Client(raise_request_exception=False)
    staff_client.force_login(superuser)
    staff = Sweep(staff_client, user=superuser).run()

    reached = visitor.sent_to | staff.sent_to
    missing = {name for _p, name in view_names()} - reached - set(UNREACHED)
    assert not missing, f"the sweep reached no page of: {sorted(missing)}"
    assert len(visitor.forms) + len(staff.forms) > 40
    failures = visitor.failures + staff.failures
    assert not failures, "\n".join(failures)


def planted_view(request):
    """A form whose view fails on a NUL: the sweep must find it by itself."""
    if request.method == "POST" and "\x00" in request.POST.get("note", ""):
        raise ValueError("planted: NUL reached the database")
    return HttpResponse('<form method="post"><input name="note" value="fine"></form>')


def test_the_sweep_finds_a_planted_form_that_fails_on_nul(settings):
    import config.urls

    planted = types.ModuleType("planted_urls")
    planted.urlpatterns = [path("planted/", planted_view, name="planted"), *config.urls.urlpatterns]
    sys.modules["planted_urls"] = planted
    settings.ROOT_URLCONF = "planted_urls"
    try:
        sweep = Sweep(Client(raise_request_exception=False), only=lambda name: name == "planted")
        sweep.run()
    finally:
        del sys.modules["planted_urls"]

    assert sweep.sent_to == {"planted"}
    assert len(sweep.failures) == 1
    assert sweep.failures[0].startswith("POST /planted/ 'note=%00'")
