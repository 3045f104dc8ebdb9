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
