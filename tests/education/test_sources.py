"""Sources as pure functions: structured source lists, link domains, list matching."""
import pytest

from community.education.sources import SourceError, check_sources, flagged_links, linked_domains, listed, normalise_domain, \
    parse_source_lines


def test_domains_normalise_and_cover_subdomains():
    assert normalise_domain("https://WWW.NHS.uk/conditions/") == "nhs.uk"
    assert normalise_domain("www.cdc.gov") == "cdc.gov"
    assert listed("patient.info.example.org", {"example.org"}) == "example.org"
    assert listed("notexample.org", {"example.org"}) is None
    with pytest.raises(ValueError):
        normalise_domain("not a domain")


def test_linked_domains_finds_urls_markdown_links_and_bare_addresses_but_not_abbreviations():
    text = ("See [this](https://cures.example.com/x) and www.natural-remedy.net/page, or nhs.uk. "
            "E.g. the file notes.txt and v1.2 are not links; nor is someone@mail.example.org")
    assert linked_domains(text) == {"cures.example.com", "natural-remedy.net", "nhs.uk"}


def test_flagged_links_are_those_a_flagged_entry_covers():
    assert flagged_links("Read https://www.miracle-cure.org/insulin now", {"miracle-cure.org"}) == ["miracle-cure.org"]
    assert flagged_links("Read https://www.nhs.uk/", {"miracle-cure.org"}) == []


def test_a_source_list_needs_a_title_and_a_web_address():
    ok = check_sources([{"title": "NHS", "url": "https://www.nhs.uk/", "publisher": "NHS"}])
    assert ok[0].publisher == "NHS"
    for bad in ([], [{"title": "x"}], [{"title": "x", "url": "javascript:alert(1)"}], "nhs.uk", [1]):
        with pytest.raises(SourceError):
            check_sources(bad)


def test_the_form_box_reads_one_source_a_line():
    assert parse_source_lines("NHS asthma | https://www.nhs.uk/asthma | NHS | 2025\n\nhttps://asthma.org.uk") == [
        {"title": "NHS asthma", "url": "https://www.nhs.uk/asthma", "publisher": "NHS", "date": "2025"},
        {"title": "https://asthma.org.uk", "url": "https://asthma.org.uk", "publisher": "", "date": ""}]


def test_links_to_trusted_domains_get_a_mark():
    from community.education.sources import mark_trusted
    from community.forums.markdown import render

    html = render("See [the NHS page](https://www.nhs.uk/asthma) and [a blog](https://blog.example.com/x).")
    marked = mark_trusted(html, {"nhs.uk"})
    assert marked.count("(trusted source)") == 1
    assert marked.index("(trusted source)") > marked.index("the NHS page") and marked.index("(trusted source)") < marked.index("a blog")
    assert mark_trusted(html, set()) == html
