"""Small pages written for these tests: an original article and republished copies of it.

The article text is our own; the page shapes follow what republishing sites do
(a credit line, a copyright line and a notice under the article).
"""

from __future__ import annotations

import html

SOURCE_URL = "https://www.riverton-ledger.example/news/2024/03/library-reopens-after-renovation/"
PUBLISHER = "Riverton Ledger"
YEAR = "2024"
TITLE = "Riverton library reopens after two-year renovation"

PARAGRAPHS = [
    "The Riverton public library reopened on Saturday after a renovation that took two years and cost "
    "the city nearly eleven million dollars, more than twice the figure first presented to the council.",
    "Hundreds of residents queued along Mill Street before the doors opened at nine. Children were handed "
    "paper maps of the new building, which now has a reading garden on the roof and a workshop with "
    "sewing machines, laser cutters and a recording booth.",
    "Head librarian Dolores Okafor said the delays came from the old foundations. “When the crews opened "
    "the floor of the east wing, they found timber piles that had rotted through,” she said. “We could not "
    "put a single shelf on that until it was rebuilt.”",
    "Council members who had opposed the budget increase attended the ceremony. Councillor Pete Varga said "
    "he still believed the project had been poorly managed, but added that the result was something the "
    "town could be proud of for decades.",
    "The library will keep longer hours through the summer, opening at eight on weekdays. Residents can "
    "register for the workshop online from next Monday, and the first sessions are free of charge.",
]
ARTICLE_TEXT = "\n\n".join(PARAGRAPHS)

NOTICE = (
    "This site contains copyrighted material the use of which has not always been specifically authorized "
    "by the copyright owner. We are making such material available to our readers under the provisions of "
    '"fair use" in an effort to advance a better understanding of political, economic and social issues. '
    "The material on this site is distributed without profit to those who have expressed a prior interest "
    "in receiving it for research and educational purposes. If you wish to use copyrighted material for "
    'purposes other than "fair use" you must request permission from the copyright owner.'
)
VARIABLES = {"source.url": SOURCE_URL, "source.publisher": PUBLISHER, "source.year": YEAR, "source.title": TITLE}

CREDIT = f'<p>Originally published by <a href="{SOURCE_URL}">{PUBLISHER}</a>.</p>'
COPYRIGHT = f"<p>Copyright © {PUBLISHER}, {YEAR}</p>"
NOTICE_HTML = f"<p>{html.escape(NOTICE)}</p>"


def republished(
    paragraphs: list[str] | None = None,
    credit: str = CREDIT,
    copyright_line: str = COPYRIGHT,
    notice: str = NOTICE_HTML,
    before: str = "",
) -> str:
    """A republished page in a blog's layout: navigation, the article, credits, a site footer."""
    body = "\n".join(
        f"<p>{html.escape(p, quote=False)}</p>" for p in (PARAGRAPHS if paragraphs is None else paragraphs)
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{TITLE} – Valley Reposts</title>
<style>.visually-gone{{display:none}}</style></head>
<body><header><a href="/">Valley Reposts</a><nav><a href="/news/">News</a> <a href="/about/">About</a></nav></header>
<main><article><h1>{TITLE}</h1>
<div class="entry">
{before}
{body}
{credit}
{copyright_line}
{notice}
</div></article></main>
<footer><p>© 2024 Valley Reposts. All rights reserved.</p></footer>
</body></html>
"""


def source_page() -> str:
    """The original article as its publisher served it: navigation, teasers, a caption, a footer."""
    body = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in PARAGRAPHS)
    teasers = "\n".join(
        f'<li><a href="/news/{i}/">Related story number {i} about the city</a> A short summary of it.</li>'
        for i in range(1, 6)
    )
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{TITLE} | {PUBLISHER}</title>
<link rel="canonical" href="{SOURCE_URL}">
<meta property="og:site_name" content="{PUBLISHER}">
<meta property="og:title" content="{TITLE}">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "{TITLE}", "datePublished": "{YEAR}-03-09T08:00:00Z",
 "author": {{"@type": "Person", "name": "Maya Lindqvist"}},
 "publisher": {{"@type": "Organization", "name": "{PUBLISHER}"}}}}</script>
</head><body>
<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/news/">News</a></li><li><a href="/sport/">Sport</a></li></ul></nav>
<div class="page"><article class="story">
<h1>{TITLE}</h1>
<div class="byline">By Maya Lindqvist</div>
<figure><img src="/img/library.jpg" alt="The library"><figcaption class="caption">The new reading garden. Photo: Ledger staff</figcaption></figure>
<div class="story-body">
{body}
</div>
<div class="share-tools"><a href="/share/fb">Share on Facebook</a> <a href="/share/x">Share on X</a></div>
</article>
<aside class="related"><h2>More from the Ledger</h2><ul>{teasers}</ul></aside></div>
<footer><p>© {YEAR} {PUBLISHER}. All rights reserved.</p><p><a href="/privacy/">Privacy</a></p></footer>
</body></html>
"""


# a short article in Hindi, whose vowels are marks on its letters and whose sentences end in a danda (।)
HINDI_PARAGRAPHS = [
    "नगर परिषद ने मंगलवार को पुराने पुस्तकालय की मरम्मत के लिए नई योजना को मंज़ूरी दी। परिषद के सदस्यों ने"
    " कहा कि काम अगले महीने शुरू होगा और दो साल में पूरा होगा।",
    "पुस्तकालय की इमारत सौ साल से ज़्यादा पुरानी है। पिछले साल बारिश के दौरान उसकी छत से पानी टपकने लगा था,"
    " जिससे कई दुर्लभ किताबें खराब हो गईं।",
    "योजना के अनुसार इमारत में एक नया वाचनालय, बच्चों के लिए एक कमरा और ऊपर की मंज़िल पर एक छोटा संग्रहालय बनेगा।",
    "पुस्तकालय की प्रमुख ने कहा कि मरम्मत के दौरान किताबें पास के स्कूल में रखी जाएंगी और पाठक वहीं से उन्हें उधार ले सकेंगे।",
]

# the same story in Thai, which writes its words without spaces between them (its spaces part phrases)
THAI_PARAGRAPHS = [
    "สภาเมืองอนุมัติแผนปรับปรุงห้องสมุดเก่าเมื่อวันอังคาร สมาชิกสภากล่าวว่างานจะเริ่มในเดือนหน้า และจะแล้วเสร็จภายในสองปี",
    "อาคารห้องสมุดแห่งนี้มีอายุมากกว่าหนึ่งร้อยปี เมื่อปีที่แล้วหลังคารั่วในช่วงฤดูฝน ทำให้หนังสือหายากหลายเล่มได้รับความเสียหาย",
    "ตามแผนดังกล่าว จะมีการสร้างห้องอ่านหนังสือใหม่ ห้องสำหรับเด็ก และพิพิธภัณฑ์ขนาดเล็กบนชั้นบนสุดของอาคาร",
    "ผู้อำนวยการห้องสมุดกล่าวว่า ระหว่างการปรับปรุง หนังสือจะถูกย้ายไปเก็บไว้ที่โรงเรียนใกล้เคียง และผู้อ่านยังสามารถยืมหนังสือได้ตามปกติ",
]
