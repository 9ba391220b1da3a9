"""Publishers' republish boxes, as `spec/publishers.md` describes them, around this suite's own article.

Each publisher serves the article on its own page (`source_page`), with links
inside the story; its box is what a partner pastes (`*_box`), and `republished`
puts a box in a partner's page. Keyword arguments break one thing at a time.
"""

from __future__ import annotations

import html
import json

from tests import samples

AUTHOR = "Maya Lindqvist"
INSTITUTION = "University of Riverton"
DATE = "March 9, 2024"
IN_BODY_LINKS = {  # paragraph -> (anchor text, target): the story's own sources
    0: ("nearly eleven million dollars", "https://riverton.example/budget/library-2024.pdf"),
    2: ("the old foundations", "https://riverton.example/reports/east-wing-survey"),
}
ALTERED = (0, "nearly eleven million", "about eleven million")  # an edit the terms do not allow
MORE_PARAGRAPHS = [  # a longer story, for word limits
    "The building first opened in 1911 with a gift from a local mill owner, and it has been extended "
    "twice since then, in 1958 and again in 1987, each time with money raised by residents.",
    "Librarians say visits had fallen before the closure but that the temporary branch in the old post "
    "office kept about half of the regular readers coming back every week during the works.",
    "The council will publish a full account of the project's costs in the autumn, after an audit that "
    "members of both parties requested when the second budget increase was approved last year.",
]


def story(paragraphs: list[str] = samples.PARAGRAPHS, links: bool = True, altered: bool = False) -> str:
    """The article's HTML: its paragraphs with the links inside them."""
    out = []
    for index, text in enumerate(paragraphs):
        if altered and index == ALTERED[0]:
            text = text.replace(ALTERED[1], ALTERED[2])
        text = html.escape(text, quote=False)
        if links and index in IN_BODY_LINKS and IN_BODY_LINKS[index][0] in text:
            anchor, target = IN_BODY_LINKS[index]
            text = text.replace(anchor, f'<a href="{target}">{anchor}</a>', 1)
        out.append(f"<p>{text}</p>")
    return "\n".join(out)


def source_page(
    url: str, publisher: str, paragraphs: list[str] = samples.PARAGRAPHS, extra: str = "", affiliation: str = ""
) -> str:
    """The article as its publisher serves it, with the metadata a real page declares."""
    author = {"@type": "Person", "name": AUTHOR}
    if affiliation:
        author["affiliation"] = {"@type": "Organization", "name": affiliation}
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": samples.TITLE,
        "datePublished": "2024-03-09T08:00:00Z",
        "author": author,
        "publisher": {"@type": "Organization", "name": publisher},
    }
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{samples.TITLE} | {publisher}</title>
<link rel="canonical" href="{url}">
<meta property="og:site_name" content="{publisher}">
<script type="application/ld+json">{json.dumps(ld)}</script>
</head><body>
<nav class="menu"><a href="/">Home</a> <a href="/politics/">Politics</a> <a href="/donate/">Donate</a></nav>
<article class="story"><h1>{samples.TITLE}</h1>
<div class="byline">By {AUTHOR}</div>
<div class="story-body">
{story(paragraphs)}
</div></article>
{extra}
<footer><p>© 2024 {publisher}</p><p><a href="/about/">About</a></p></footer>
</body></html>
"""


def republished(box: str, headline: str | None = samples.TITLE, head: str = "", title: str = samples.TITLE) -> str:
    """A partner's page with a box pasted into its story (`headline=None`: the box brings its own); its
    `<title>` is the headline the partner gave the post."""
    h1 = f"<h1>{html.escape(headline)}</h1>" if headline else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(headline or title)} – Valley Reposts</title>{head}</head>
<body><header><a href="/">Valley Reposts</a><nav><a href="/news/">News</a> <a href="/about/">About</a></nav></header>
<main><article>{h1}
<div class="entry">
{box}
</div></article></main>
<footer><p>© 2024 Valley Reposts. All rights reserved.</p></footer>
</body></html>
"""


# The Conversation: author line, article, counter, closing credit (strings as the box has them).
TC_URL = "https://theconversation.com/riverton-library-reopens-after-two-year-renovation-224466"
TC_COUNTER = (
    "<!-- Below is The Conversation's page counter tag. Please DO NOT REMOVE. -->"
    '<img src="https://counter.theconversation.com/content/224466/count.gif?distributor=republish-lightbox-basic" '
    'alt="The Conversation" width="1" height="1" style="border: none !important; box-shadow: none !important; '
    "margin: 0 !important; max-height: 1px !important; max-width: 1px !important; min-height: 1px !important; "
    'min-width: 1px !important; opacity: 0 !important; outline: none !important; padding: 0 !important" '
    'referrerpolicy="no-referrer-when-downgrade" />'
    "<!-- End of code. If you don't see any code above, please get new code from the Advanced tab after you "
    "click the republish button. The page counter does not collect any personal data. More info: "
    "https://theconversation.com/republishing-guidelines -->"
)


def conversation_box(
    credited: str = "The Conversation",
    licence: str = " under a Creative Commons license",
    article_url: str = TC_URL,
    home_url: str = "https://theconversation.com",
    institution: bool = True,
    counter: bool = True,
    altered: bool = False,
) -> str:
    author = f'<strong><a href="https://theconversation.com/profiles/maya-lindqvist-1523004">{AUTHOR}</a></strong>'
    where = f', <a href="https://theconversation.com/institutions/university-of-riverton-4417">{INSTITUTION}</a>'
    return "\n".join(
        [
            f"<p>{author}{where if institution else ''}</p>",
            story(altered=altered),
            TC_COUNTER if counter else "",
            f'<p><em>This article is republished from <a href="{home_url}">{credited}</a>{licence}. '
            f'Read the <a href="{article_url}">original article</a>.</em></p>',
        ]
    )


# The INN Republication Tracker plugin: headline, byline, article, credit with licence, tracking image.
INN_SITE, INN_HOME = "Riverton Ledger", "https://riverton-ledger.example"
INN_URL = f"{INN_HOME}/2024/03/09/library-reopens/"
INN_DEEDS = {
    "by-nd": ("https://creativecommons.org/licenses/by-nd/4.0/", "Attribution-NoDerivatives"),
    "by-nc-nd": ("https://creativecommons.org/licenses/by-nc-nd/4.0/", "Attribution-NonCommercial-NoDerivatives"),
}


def inn_credit(licence: str = "by-nc-nd", site: str = INN_SITE, article_url: str = INN_URL) -> str:
    deed, name = INN_DEEDS[licence]
    return (
        f'<p>This <a target="_blank" href="{article_url}">article</a> first appeared on '
        f'<a target="_blank" href="{INN_HOME}">{site}</a> and is republished here under a '
        f'<a target="_blank" href="{deed}">Creative Commons {name} 4.0 International License</a>.'
        f'<img src="{INN_HOME}/favicon-32x32.png" style="width:1em;height:1em;margin-left:10px;"></p>'
    )


def inn_box(
    headline: str = samples.TITLE,
    byline: bool = True,
    credit: str | None = None,
    pixel: bool = True,
    altered: bool = False,
) -> str:
    parts = [f"<h1>{html.escape(headline)}</h1>"]
    if byline:
        parts.append(f'<p class="byline">by {AUTHOR}, {INN_SITE} <br />{DATE}</p>')
    parts += [story(altered=altered), inn_credit() if credit is None else credit]
    if pixel:
        parts.append(
            f'<img id="republication-tracker-tool-source" src="{INN_HOME}/?republication-pixel=true&post=4821'
            f'&ga4=G-RIVERTON1" style="width:1px;height:1px;">'
        )
    parts.append(f'<script>window.rivertonAnalytics = {{"post": 4821, "home": "{INN_HOME}"}};</script>')
    return "\n".join(parts)


def inn_source_page() -> str:
    """An INN site's article page: its republish modal holds the shareable copy, escaped in a textarea
    (the credit paragraph escaped once more), which declares the licence the site chose. The plugin's
    own stylesheet hides the modal; a saved page does not carry it."""
    shareable = html.escape(inn_box().replace(inn_credit(), html.escape(inn_credit())))
    modal = (
        '<div id="republication-tracker-tool-modal" class="modal"><h2>Republish this article</h2>'
        f'<textarea id="republication-tracker-tool-shareable-content" rows="5">{shareable}</textarea></div>'
    )
    return source_page(INN_URL, INN_SITE, extra=modal)
