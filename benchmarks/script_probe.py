#!/usr/bin/env python3
"""How the checks hold on pages in other scripts: Hindi, Arabic, Hebrew, Chinese, Thai and Korean.

    python benchmarks/script_probe.py

The corpora are in Latin script but for one Cyrillic, one Chinese and one Japanese
source; pages in other scripts have their own ways: vowels written as marks on the
letters (Hindi), words without spaces between them (Chinese, Thai), particles and
prepositions joined to a name (Korean, Hebrew), right to left (Arabic, Hebrew), their
own stops (।, 。, ؟) or none (Thai). For each language, a short story written for this
probe (a town library's repair) is republished in eight ways:

- whole (must pass every rule);
- a paragraph left out, cut after two paragraphs, a word changed, an editor's
  paragraph inserted, the other story (a weather report) in its place: `body` fails;
- the credit line left out: `attribution` fails; the copyright line left out:
  `copyright` fails;

as a web page and as Markdown, each checked against the story as text and against
a story page of the source's (a menu, the story, a list of related stories linked by
their opening words, comments). The credit and copyright lines are written in the
page's language. Prints, for each language and way, how many of its four checks were
judged as made, and each judged otherwise. Needs nothing beside the checkout.
"""

from __future__ import annotations

import html
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpora import print_judged  # noqa: E402  (benchmarks/corpora.py, beside this script)

import compliance  # noqa: E402

POLICY = """policy: script-probe
rules:
  attribution: {check: attribution, names: ["{source.publisher}"]}
  copyright: {check: copyright, holders: ["{source.publisher}"], year: "2024"}
  body: {check: body, min-coverage: 0.95, max-altered: 0, max-added-words: 12}
"""
YEAR = "2024"


class Language(NamedTuple):
    story: list[str]
    other_story: list[str]
    publisher: str
    credit: str  # a credit line in the language, naming the publisher
    inserted: str  # an editor's note, inserted among the story's paragraphs
    changed: tuple[str, str]  # a word of the story's first paragraph, and what a page changes it to


LANGUAGES = {
    "Hindi": Language(
        story=[
            (
                "नगर परिषद ने मंगलवार को पुराने पुस्तकालय की मरम्मत के लिए नई योजना को मंज़ूरी दी। परिषद के "
                "सदस्यों ने कहा कि काम अगले महीने शुरू होगा और दो साल में पूरा होगा।"
            ),
            (
                "पुस्तकालय की इमारत सौ साल से ज़्यादा पुरानी है। पिछले साल बारिश के दौरान उसकी छत से पानी "
                "टपकने लगा था, जिससे कई दुर्लभ किताबें खराब हो गईं।"
            ),
            "योजना के अनुसार इमारत में एक नया वाचनालय, बच्चों के लिए एक कमरा और ऊपर की मंज़िल पर एक छोटा संग्रहालय बनेगा।",
            "पुस्तकालय की प्रमुख ने कहा कि मरम्मत के दौरान किताबें पास के स्कूल में रखी जाएंगी और पाठक वहीं से उन्हें उधार ले सकेंगे।",
        ],
        other_story=[
            (
                "मौसम विभाग ने बुधवार को बताया कि इस साल मानसून सामान्य से एक हफ़्ता पहले केरल के तट पर "
                "पहुँच सकता है। विभाग के अनुसार दक्षिण भारत के कई हिस्सों में अगले तीन दिनों तक तेज़ बारिश "
                "होगी।"
            ),
            (
                "किसानों ने इस ख़बर का स्वागत किया है, क्योंकि पिछले दो महीनों से कई ज़िलों में पानी की "
                "भारी कमी थी। कुछ गाँवों में लोगों को पीने का पानी टैंकरों से मँगवाना पड़ रहा था।"
            ),
            (
                "विशेषज्ञों का कहना है कि जल्दी आने वाला मानसून धान की बुआई के लिए अच्छा संकेत है, लेकिन "
                "अगर बारिश बीच में रुक गई तो फ़सल को नुक़सान भी हो सकता है।"
            ),
            (
                "सरकार ने सभी राज्यों से बाढ़ से निपटने की तैयारी पूरी रखने को कहा है और नदियों के किनारे "
                "रहने वाले लोगों को सतर्क रहने की सलाह दी गई है।"
            ),
        ],
        publisher="दैनिक समाचार",
        credit="यह लेख मूल रूप से दैनिक समाचार पर प्रकाशित हुआ था।",
        inserted="संपादक की टिप्पणी: इस ख़बर पर हमारे पाठकों की राय हम अगले अंक में छापेंगे और आप अपनी राय हमें ईमेल से भेज सकते हैं।",
        changed=("दो साल", "दो सील"),
    ),
    "Arabic": Language(
        story=[
            (
                "وافق مجلس المدينة يوم الثلاثاء على خطة جديدة لترميم المكتبة العامة القديمة. وقال أعضاء "
                "المجلس إن العمل سيبدأ الشهر المقبل وسيستمر نحو عامين."
            ),
            (
                "يزيد عمر مبنى المكتبة على مئة عام، وقد تسرّبت المياه من سقفه خلال أمطار العام الماضي "
                "فأتلفت عدداً من الكتب النادرة."
            ),
            (
                "وتنص الخطة على إنشاء قاعة مطالعة جديدة وغرفة للأطفال ومتحف صغير في الطابق العلوي، إضافةً "
                "إلى مصعد يسهّل وصول كبار السن."
            ),
            (
                "وقالت مديرة المكتبة إن الكتب ستُنقل خلال أعمال الترميم إلى مدرسة قريبة، وسيتمكن القرّاء من "
                "استعارتها من هناك كالمعتاد."
            ),
        ],
        other_story=[
            (
                "أعلنت هيئة الأرصاد الجوية يوم الأربعاء أن موجة حر شديدة ستضرب معظم مناطق البلاد خلال "
                "الأيام الثلاثة المقبلة، مع درجات حرارة قد تتجاوز خمساً وأربعين درجة."
            ),
            (
                "ودعت الهيئة المواطنين إلى تجنّب التعرّض لأشعة الشمس في ساعات الظهيرة، والإكثار من شرب "
                "الماء، والاهتمام بكبار السن والأطفال."
            ),
            (
                "وقررت وزارة التربية تقديم موعد انتهاء الدوام المدرسي ساعة واحدة طوال فترة الموجة، فيما "
                "أعلنت بلديات عدة فتح مراكز تبريد عامة."
            ),
            (
                "ويقول خبراء المناخ إن موجات الحر أصبحت أكثر تكراراً وأطول مدةً في السنوات الأخيرة، "
                "ويطالبون بخطط وطنية للتكيّف معها."
            ),
        ],
        publisher="الأخبار اليومية",
        credit="نُشر هذا المقال أصلاً في صحيفة الأخبار اليومية.",
        inserted=(
            "ملاحظة المحرر: سننشر آراء قرائنا حول هذا الموضوع في العدد القادم، ويمكنكم إرسال تعليقاتكم "
            "إلينا عبر البريد الإلكتروني."
        ),
        changed=("نحو عامين", "نحو عامٍ"),
    ),
    "Hebrew": Language(
        story=[
            (
                "מועצת העיר אישרה ביום שלישי תוכנית חדשה לשיפוץ הספרייה הישנה. חברי המועצה אמרו כי העבודות "
                "יתחילו בחודש הבא ויימשכו כשנתיים."
            ),
            "בניין הספרייה בן יותר ממאה שנה. בחורף שעבר דלפו מים מהגג ופגעו בספרים נדירים רבים.",
            "לפי התוכנית ייבנו בבניין אולם קריאה חדש, חדר לילדים ומוזיאון קטן בקומה העליונה.",
            "מנהלת הספרייה אמרה כי במהלך השיפוץ יועברו הספרים לבית ספר סמוך, והקוראים יוכלו לשאול אותם שם כרגיל.",
        ],
        other_story=[
            "השירות המטאורולוגי הודיע ביום רביעי כי גל חום כבד יפקוד את רוב אזורי הארץ בשלושת הימים הקרובים.",
            "משרד הבריאות קרא לציבור להימנע משהייה בשמש בשעות הצהריים ולהרבות בשתיית מים.",
            "משרד החינוך החליט לקצר את יום הלימודים בשעה אחת במהלך גל החום.",
            "מומחי אקלים אומרים כי גלי חום נעשו תכופים וארוכים יותר בשנים האחרונות.",
        ],
        publisher="החדשות היומיות",
        credit="הכתבה פורסמה לראשונה באתר החדשות היומיות.",
        inserted="הערת העורך: נפרסם את תגובות הקוראים בנושא בגיליון הבא, ואפשר לשלוח אותן אלינו בדואר האלקטרוני.",
        changed=("כשנתיים", "כשלוש שנים"),
    ),
    "Chinese": Language(
        story=[
            "市议会周二批准了修缮老图书馆的新计划。议员们表示，工程将于下个月开工，预计两年内完成。",
            "这座图书馆的建筑已有一百多年的历史。去年雨季，屋顶开始漏水，导致许多珍贵的古籍受损。",
            "根据计划，馆内将新建一间阅览室和一间儿童活动室，并在顶层设立一座小型博物馆。",
            "图书馆馆长说，修缮期间藏书将暂时存放在附近的一所学校，读者仍可以在那里借阅。",
        ],
        other_story=[
            "气象部门周三发布预报称，未来三天我国南方大部分地区将出现持续强降雨，部分地区可能发生洪涝灾害。",
            "农业专家提醒农民及时排水，防止农田积水影响水稻生长。有关部门已经向受影响地区调拨了抗洪物资。",
            "专家指出，近年来极端天气事件越来越频繁，城市排水系统面临的压力也越来越大。",
            "当地政府呼吁居民减少不必要的外出，并密切关注最新的天气预警信息。",
        ],
        publisher="每日新闻",
        credit="本文原载于《每日新闻》。",
        inserted="编者按：欢迎读者就此事发表意见，我们将在下一期选登部分来信，来信请发送至本报电子邮箱。",
        changed=("两年内", "三年内"),
    ),
    "Thai": Language(
        story=[
            "สภาเมืองอนุมัติแผนปรับปรุงห้องสมุดเก่าเมื่อวันอังคาร สมาชิกสภากล่าวว่างานจะเริ่มในเดือนหน้า และจะแล้วเสร็จภายในสองปี",
            "อาคารห้องสมุดแห่งนี้มีอายุมากกว่าหนึ่งร้อยปี เมื่อปีที่แล้วหลังคารั่วในช่วงฤดูฝน ทำให้หนังสือหายากหลายเล่มได้รับความเสียหาย",
            "ตามแผนดังกล่าว จะมีการสร้างห้องอ่านหนังสือใหม่ ห้องสำหรับเด็ก และพิพิธภัณฑ์ขนาดเล็กบนชั้นบนสุดของอาคาร",
            "ผู้อำนวยการห้องสมุดกล่าวว่า ระหว่างการปรับปรุง หนังสือจะถูกย้ายไปเก็บไว้ที่โรงเรียนใกล้เคียง และผู้อ่านยังสามารถยืมหนังสือได้ตามปกติ",
        ],
        other_story=[
            "กรมอุตุนิยมวิทยาประกาศเมื่อวันพุธว่า ฝนตกหนักจะเกิดขึ้นในภาคใต้ของประเทศตลอดสามวันข้างหน้า และอาจเกิดน้ำท่วมในบางพื้นที่",
            "ผู้เชี่ยวชาญด้านการเกษตรเตือนให้เกษตรกรระบายน้ำออกจากนาข้าว เพื่อป้องกันความเสียหายต่อผลผลิต",
            "ผู้เชี่ยวชาญระบุว่า สภาพอากาศแปรปรวนเกิดขึ้นบ่อยขึ้นในช่วงหลายปีที่ผ่านมา และระบบระบายน้ำในเมืองต้องรับภาระหนักขึ้น",
            "รัฐบาลท้องถิ่นขอให้ประชาชนหลีกเลี่ยงการเดินทางที่ไม่จำเป็น และติดตามประกาศเตือนภัยอย่างใกล้ชิด",
        ],
        publisher="ข่าวรายวัน",
        credit="บทความนี้เผยแพร่ครั้งแรกที่ ข่าวรายวัน",
        inserted="หมายเหตุบรรณาธิการ: เราจะตีพิมพ์ความคิดเห็นของผู้อ่านเกี่ยวกับเรื่องนี้ในฉบับหน้า ท่านสามารถส่งความคิดเห็นมาทางอีเมลได้",
        changed=("สองปี", "สามปี"),
    ),
    "Korean": Language(
        story=[
            (
                "시의회는 화요일 오래된 도서관을 보수하는 새 계획을 승인했다. 의원들은 "
                "공사가 다음 달에 시작되어 2년 안에 끝날 것이라고 말했다."
            ),
            (
                "도서관 건물은 지은 지 100년이 넘었다. 지난해 장마철에는 "
                "지붕에서 물이 새어 귀중한 고서 여러 권이 훼손되었다."
            ),
            "계획에 따르면 건물 안에 새 열람실과 어린이방이 생기고, 맨 위층에는 작은 박물관이 들어선다.",
            (
                "도서관장은 공사 기간 동안 책을 근처 학교로 옮겨 "
                "보관하며, 독자들은 그곳에서 평소처럼 책을 빌릴 수 있다고 말했다."
            ),
        ],
        other_story=[
            "기상청은 수요일 앞으로 사흘 동안 남부 지방에 많은 비가 내리고 일부 지역에는 홍수가 날 수 있다고 예보했다.",
            "농업 전문가들은 농민들에게 논의 물을 미리 빼 두어 벼 피해를 막으라고 당부했다.",
            "전문가들은 최근 몇 년 사이 극단적인 날씨가 점점 잦아지고 도시 배수 시설의 부담도 커지고 있다고 지적했다.",
            "지방 정부는 주민들에게 불필요한 외출을 자제하고 기상 특보에 귀를 기울여 달라고 요청했다.",
        ],
        publisher="데일리뉴스",
        credit="이 기사는 데일리뉴스에 처음 게재되었습니다.",
        inserted=(
            "편집자 주: 이 기사에 대한 독자 여러분의 의견을 다음 호에 싣겠습니다. 의견은 이메일로 보내 주시기 바랍니다."
        ),
        changed=("2년", "3년"),
    ),
}
RIGHT_TO_LEFT = {"Arabic", "Hebrew"}


def ways(language: Language) -> dict[str, tuple[list[str], bool, bool, set[str]]]:
    """What a page does -> (its paragraphs, whether it has the credit, the copyright line, the rules that fail)."""
    story = language.story
    return {
        "whole": (story, True, True, set()),
        "a paragraph left out": ([story[0], *story[2:]], True, True, {"body"}),
        "cut after two paragraphs": (story[:2], True, True, {"body"}),
        "a word changed": ([story[0].replace(*language.changed), *story[1:]], True, True, {"body"}),
        "a paragraph inserted": ([*story[:2], language.inserted, *story[2:]], True, True, {"body"}),
        "the other story": (language.other_story, True, True, {"body"}),
        "no credit line": (story, False, True, {"attribution"}),
        "no copyright line": (story, True, False, {"copyright"}),
    }


def web_page(name: str, language: Language, paragraphs: list[str], credit: bool, copyright_line: bool) -> str:
    lines = [*paragraphs, *([language.credit] if credit else [])]
    lines += [f"© {YEAR} {language.publisher}"] if copyright_line else []
    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    direction = "rtl" if name in RIGHT_TO_LEFT else "ltr"
    return (
        f'<!DOCTYPE html><html dir="{direction}"><head><meta charset="utf-8"><title>t</title></head><body>'
        f'<header><a href="/">Site</a></header><main><article>{body}</article></main>'
        "<footer><p>Site footer</p></footer></body></html>"
    )


def markdown_page(language: Language, paragraphs: list[str], credit: bool, copyright_line: bool) -> str:
    lines = [*paragraphs, *([language.credit] if credit else [])]
    lines += [f"© {YEAR} {language.publisher}"] if copyright_line else []
    return "---\ntitle: t\n---\n\n" + "\n\n".join(lines) + "\n"


def story_page(language: Language) -> str:
    """The source's own page: a menu, the story, related stories linked by their opening words, comments."""
    other = language.other_story
    story = "".join(f"<p>{html.escape(paragraph)}</p>" for paragraph in language.story)
    related = "".join(f'<li><a href="/s/{i}">{html.escape(p[:40])}</a></li>' for i, p in enumerate(other))
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(language.publisher)}</title></head>'
        f'<body><nav><a href="/">{html.escape(language.publisher)}</a></nav><main><article>'
        f"<div class='story'>{story}</div></article><aside><ul>{related}</ul></aside>"
        f"<section class='comments'><p>{html.escape(other[3][:60])}</p></section></main>"
        f"<footer><p>© {YEAR} {html.escape(language.publisher)}</p></footer></body></html>"
    )


def main() -> int:
    judged, wrong = Counter(), []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "policy.yaml").write_text(POLICY)
        policy = compliance.load_policy(str(folder / "policy.yaml"))
        for name, language in LANGUAGES.items():
            (folder / "story.txt").write_text("\n\n".join(language.story))
            (folder / "story.html").write_text(story_page(language))
            sources = {kind: compliance.read_source(str(folder / f"story.{kind}")) for kind in ("txt", "html")}
            variables = {"source.publisher": language.publisher}
            for way, (paragraphs, credit, copyright_line, failing) in ways(language).items():
                pages = {
                    "html": web_page(name, language, paragraphs, credit, copyright_line),
                    "md": markdown_page(language, paragraphs, credit, copyright_line),
                }
                for page_kind, markup in pages.items():
                    (folder / f"page.{page_kind}").write_text(markup)
                    page = compliance.read_document(str(folder / f"page.{page_kind}"))
                    for source_kind, source in sources.items():
                        result = compliance.check_page(page, policy, source, variables)
                        failed = {finding.rule for finding in result.findings if not finding.passed}
                        judged[(f"{name}: {way}", failed == failing)] += 1
                        if failed != failing:
                            said = "; ".join(f"{f.rule}: {f.message[:100]}" for f in result.findings if not f.passed)
                            wrong.append(
                                f"  {name}, {way}, {page_kind} page, source as {source_kind}: {said or 'passed'}"
                            )
    print("pages in other scripts, each way checked as a web page and as Markdown, against text and a story page:")
    print_judged(judged, wrong)
    return 0


if __name__ == "__main__":
    sys.exit(main())
