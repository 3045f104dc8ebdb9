from editorial.markdown import render_markdown


def test_script_tags_are_removed():
    html = render_markdown("Hello <script>alert('x')</script> there")

    assert "<script" not in html
    assert "alert(" not in html


def test_event_handlers_are_removed():
    html = render_markdown('<p onclick="steal()">Tap me</p><img src=x onerror="steal()">')

    assert "onclick" not in html
    assert "onerror" not in html
    assert "Tap me" in html


def test_javascript_links_lose_their_target():
    html = render_markdown("[click](javascript:alert(1))")

    assert "javascript:" not in html
    assert "click" in html


def test_headings_lists_emphasis_and_links_are_kept():
    html = render_markdown(
        "## Heading\n\n- one\n- two\n\n**strong** and *soft*\n\n[NHS](https://www.nhs.uk/)"
    )

    assert "<h2>Heading</h2>" in html
    assert "<ul>" in html and "<li>one</li>" in html
    assert "<strong>strong</strong>" in html
    assert "<em>soft</em>" in html
    assert 'href="https://www.nhs.uk/"' in html
    assert 'rel="noopener noreferrer"' in html


def test_empty_text_renders_nothing():
    assert render_markdown("") == ""


def test_call_numbers_become_tel_links():
    html = render_markdown("**Call 999 or go to A&E now.** Or call NHS 111.")

    assert '<a href="tel:999" rel="noopener noreferrer">999</a>' in html
    assert '<a href="tel:111" rel="noopener noreferrer">111</a>' in html


def test_numbers_in_links_addresses_and_longer_numbers_stay_as_they_are():
    html = render_markdown("[Call 999](tel:999), 111.nhs.uk, 0303 123 1113 and `999`.")

    assert html.count("tel:") == 1
    assert "111.nhs.uk," in html and "1113" in html and "<code>999</code>" in html
