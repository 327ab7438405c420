"""Personal identifiers in free text, as far as text allows the HIPAA Safe Harbor list:
phone numbers, email addresses, SSNs and NHS numbers, record/member/account numbers when
introduced as such, full dates of birth, admission or discharge, street addresses, postcodes
and ZIP codes given as a location, personal URLs and IP addresses, licence/plate/serial
numbers, and full names when someone introduces themselves or names their clinician.

Stays quiet on ordinary health numbers: doses, blood pressure, lab values, scores, years,
times, counts and list numbers. Every pattern is precompiled and linear-time."""
from __future__ import annotations

import re

from .findings import Finding

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_DATE = (
    rf"(?:{_DAY}[/.\-]{_DAY}[/.\-](?:{_YEAR}|\d{{2}})"           # 12/03/1961, 3-4-61
    rf"|{_YEAR}-\d{{1,2}}-\d{{1,2}}"                             # 2024-02-19
    rf"|{_DAY}(?:\s+of)?\s+{_MONTH}\.?,?\s+{_YEAR}"              # 3 March 1961, 3rd of March 1961
    rf"|{_MONTH}\.?\s+{_DAY},?\s+{_YEAR})"                       # March 3, 1961
)

I = re.IGNORECASE


def _rx(pattern: str, flags: int = I) -> re.Pattern[str]:
    return re.compile(pattern, flags)


EMAIL = _rx(r"\b[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9.\-]{1,190}\.[A-Za-z]{2,24}\b")
SSN = _rx(r"(?:\b(?:ssn|social security(?: number| no\.?)?)\s*(?:is|:|#|no\.?)?\s*\d{3}[\s\-]?\d{2}[\s\-]?\d{4}\b"
          r"|\b(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}\b)")
NHS_CONTEXT = _rx(r"\b(?:nhs|chi|health and care)\s*(?:number|no\.?|#)?\s*(?:is|:)?\s*(\d{3}\s?\d{3}\s?\d{4})\b")
TEN_DIGITS_334 = _rx(r"(?<![\d/.])(\d{3})[ ](\d{3})[ ](\d{4})(?![\d/.])")
PHONE = _rx(
    r"(?<![\w/.])(?:"
    r"\+\d{1,3}[\s.\-]?\(?\d{1,4}\)?(?:[\s.\-]?\d{2,4}){2,4}"            # +44 7700 900123, +1 (415) 555-0134
    r"|\(?0\d{2,4}\)?[\s.\-]?\d{3,4}[\s.\-]?\d{3,4}"                        # 07700 900123, (020) 7946 0958
    r"|\(?[2-9]\d{2}\)?[\s.\-]\d{3}[\s.\-]\d{4}"                            # (415) 555-0134, 415-555-0134
    r"|\b[2-9]\d{2}\d{3}\d{4}\b"                                           # 4155550134
    r")(?![\w/])"
)
RECORD = _rx(
    r"\b(?:mrn|medical record(?: number| no\.?)?|hospital (?:number|no\.?|id)|patient (?:id|number|no\.?)|"
    r"(?:insurance|member(?:ship)?|policy|subscriber|medicaid|medicare|account|acct|chart|case|claim|"
    r"health plan|beneficiary|nhi|chi)\s*(?:id|number|no\.?|#)|"
    r"member id|insurance id)\s*(?:is|was|:|#|=)?\s*(?:number\s*)?([A-Z]{0,4}[\-\s]?\d[A-Z0-9\-]{3,})",
)
DATE_CONTEXT = _rx(
    r"\b(?:born(?:\s+on)?|d\.?o\.?b\.?|date of birth|birthday(?:\s+is)?|admitted(?:\s+\w+){0,3}?\s+(?:on)?|"
    r"admission(?:\s+date)?|discharged(?:\s+\w+){0,3}?\s+(?:on)?|discharge(?:\s+date)?|died(?:\s+on)?|"
    r"date of death)\s*(?:was|is|:|-|on)?\s*(" + _DATE + r")"
)
STREET = _rx(
    r"\b\d{1,5}[A-Za-z]?,?\s+(?:[A-Z][a-z]+\s+){1,3}"
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Close|Way|Boulevard|Blvd|Court|Ct|Place|Pl|Terrace|"
    r"Crescent|Gardens|Grove|Hill|Square|Parkway|Pkwy|Highway|Hwy|Row|Mews|Walk)\b\.?",
    0,
)
LIVE_AT = _rx(r"\b(?:i live at|my address is|address:|we live at|i'm at|i am at)\s+(\d{1,5}[^.,;\n]{3,60})")
UK_POSTCODE = _rx(r"\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b", 0)
POSTCODE_CONTEXT = _rx(r"\bpost ?code\s*(?:is|:)?\s*([A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})\b")
ZIP = _rx(
    r"\b(?:zip(?:\s*code)?|zipcode)\s*(?:is|:|#)?\s*(\d{5}(?:-\d{4})?)\b"
    r"|\b(?:live in|living in|based in|i'm in|i am in|near|from)\s+(?:[A-Z][a-z]+,?\s+)?(?:[A-Z]{2}\s+)?(\d{5}(?:-\d{4})?)\b"
    r"|,\s*[A-Z]{2}\s+(\d{5}(?:-\d{4})?)\b"
)
URL = _rx(r"\b(?:https?://|www\.)[^\s<>()\"']+")
PERSONAL_URL = _rx(
    r"(?:facebook\.com|fb\.com|instagram\.com|twitter\.com|x\.com|tiktok\.com|linkedin\.com/in|youtube\.com/@|"
    r"reddit\.com/u(?:ser)?/|threads\.net|snapchat\.com|onlyfans\.com|patreon\.com|gofundme\.com|justgiving\.com|"
    r"myspace\.com|medium\.com/@|substack\.com|blogspot\.|wordpress\.com|about\.me|linktr\.ee|venmo\.com|paypal\.me)"
    r"|[?&](?:name|email|user(?:name)?|uid|id|patient|mrn|dob|phone)="
)
URL_CONTEXT = _rx(r"\b(?:my|our) (?:website|blog|page|profile|site|channel|fundraiser|instagram|facebook|tiktok)\b")
IPV4 = _rx(r"\b(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\b")
IPV6 = _rx(r"\b(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}\b|\b(?:[0-9a-f]{1,4}:){1,6}:[0-9a-f]{1,4}\b")
LICENCE = _rx(
    r"\b(?:driver'?s\s+licen[cs]e|driving\s+licen[cs]e|licen[cs]e(?:\s+(?:number|no\.?|#))?|licen[cs]e\s+plate|"
    r"number\s+plate|plate(?:\s+number)?|reg(?:istration)?(?:\s+(?:number|plate|no\.?))?|vin|"
    r"serial(?:\s+(?:number|no\.?|#))?|device\s+(?:id|serial)|imei|passport(?:\s+(?:number|no\.?))?)\b"
    r"\s*(?:is|was|:|#|=)?\s*([A-Z0-9](?:[A-Z0-9\-]|\s(?=[A-Z0-9]{2,})){4,20}[A-Z0-9])\b"
)

# Names: a run of capitalised words after an introduction or a clinician's title.
_NAME = r"([A-Z][a-z'\-]+(?:\s+[A-Z][a-z'\-]+){1,2})"
_SURNAME = r"([A-Z][a-z'\-]+(?:\s+[A-Z][a-z'\-]+)?)"
SELF_NAME = re.compile(
    r"\b(?:[Mm]y name is|[Mm]y name's|[Cc]all me|[Ii]'m called|[Tt]his is|[Ss]igned,?|[Rr]egards,?|[Ii] am|[Ii]'m)\s+" + _NAME
)
CLINICIAN_NAME = re.compile(
    r"\b(?:Dr\.?|Doctor|Prof\.?|Professor|Mr\.?|Mrs\.?|Ms\.?|Miss|[Nn]urse|Sister|[Dd]octor)\s+" + _SURNAME
    + r"|\b[Mm]y\s+(?:GP|doctor|consultant|surgeon|specialist|nurse|cardiologist|endocrinologist|oncologist|"
      r"neurologist|psychiatrist|therapist|physio|pharmacist|midwife|dietitian|rheumatologist|pulmonologist)"
      r"(?:\s+is)?\s+(?:called\s+)?" + _NAME
)
# Capitalised words that follow "I'm"/"I am" and are not names.
_NOT_NAMES = {
    "Type", "Feeling", "Not", "So", "Still", "Just", "Really", "Very", "Going", "Now", "Also", "Sorry", "Glad",
    "Here", "Back", "On", "In", "At", "The", "A", "An", "Diabetic", "Asthmatic", "British", "American", "English",
    "Scottish", "Welsh", "Irish", "Canadian", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
    "Sunday", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Christian", "Muslim", "Jewish", "Catholic", "Long", "Covid", "Pre", "Post", "Hoping",
    "Happy", "Sad", "Tired", "Trying", "Using", "Taking", "On", "Off", "Day", "Week", "Stage", "Grade", "Level",
    "Metformin", "Insulin", "NHS", "GP", "Team", "Keto", "Google", "Who", "Internet", "Vegan", "Vegetarian", "Sure", "Done", "Fine", "Okay",
}

_MESSAGES = {
    "phi.phone": ("This looks like a phone number. Posting it could identify you or someone else.", "[PHONE]"),
    "phi.email": ("This looks like an email address. Posting it could identify you or someone else.", "[EMAIL]"),
    "phi.ssn": ("This looks like a social security number. Please never post it.", "[ID]"),
    "phi.nhs_number": ("This looks like an NHS number. Please never post it.", "[ID]"),
    "phi.record_number": ("This looks like a medical record, insurance or account number.", "[ID]"),
    "phi.date": ("A full date of birth, admission or discharge can identify you.", "[DATE]"),
    "phi.address": ("This looks like a street address.", "[ADDRESS]"),
    "phi.postcode": ("This looks like a postcode or ZIP code that says where you live.", "[ADDRESS]"),
    "phi.url": ("This looks like a personal web address or profile.", "[URL]"),
    "phi.ip": ("This looks like an IP address.", "[URL]"),
    "phi.licence": ("This looks like a licence, vehicle or device number.", "[ID]"),
    "phi.name": ("This looks like a real name. Harbor is pseudonymous: consider leaving names out.", "[NAME]"),
}


def nhs_check_digit_ok(digits: str) -> bool:
    """NHS numbers are 10 digits; the last is a mod-11 check digit of the first nine."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def _f(code: str, start: int, end: int) -> Finding:
    message, tag = _MESSAGES[code]
    return Finding(code, start, end, message, tag=tag)


_PHONE_CONTEXT = re.compile(r"(?:call|ring|phone|text|mobile|cell|tel|whatsapp|number|contact|reach)\W{0,20}$", I)
# Organisations' service lines (UK 03/080x/0845/0870, US toll-free) are not personal numbers.
_SERVICE_NUMBER = re.compile(r"^(?:44|0)(?:3\d\d|80[08]|84[345]|87[0-3])\d{6,7}$|^1?8(?:00|33|44|55|66|77|88)\d{7}$")
_QUANTITY_AFTER = re.compile(r"^\s*(?:mg|mcg|ml|units?|mmol|iu|g\b|kg|lbs?|steps|calories|kcal|%)", I)


_DIGITS3 = re.compile(r"\d{3}")
_DIGITS5 = re.compile(r"\d{5}")
_KW_RECORD = re.compile(r"mrn|medical|hospital|patient|insurance|member|policy|subscriber|medica|account|acct|chart|case|"
                        r"claim|health plan|beneficiary|nhi|chi")
_KW_DATE = re.compile(r"born|d\.?o\.?b|date of|birthday|admi|discharg|died")
_KW_LICENCE = re.compile(r"driv|licen|plate|number plate|reg|vin|serial|device|imei|passport")
_KW_NAME = re.compile(r"name|call me|called|this is|signed|regards|i am|i'm|dr|doctor|prof|mr|mrs|ms|miss|nurse|sister|my ")


def find_phi(text: str) -> list[Finding]:
    # Cheap keyword and digit checks decide which patterns can possibly match: a long post
    # usually needs only a few of them.
    low = text.lower()
    digits3 = _DIGITS3.search(text) is not None
    found: list[Finding] = []
    if "@" in text:
        for m in EMAIL.finditer(text):
            found.append(_f("phi.email", m.start(), m.end()))
    if digits3:
        for m in SSN.finditer(text):
            found.append(_f("phi.ssn", m.start(), m.end()))
        if "nhs" in low or "chi" in low or "health and care" in low:
            for m in NHS_CONTEXT.finditer(text):
                found.append(_f("phi.nhs_number", m.start(1), m.end(1)))
        for m in TEN_DIGITS_334.finditer(text):
            digits = "".join(m.groups())
            if nhs_check_digit_ok(digits) and not _PHONE_CONTEXT.search(text[max(0, m.start() - 30):m.start()]):
                found.append(_f("phi.nhs_number", m.start(), m.end()))
    for m in _at_keywords(RECORD, _KW_RECORD, text, low):
        found.append(_f("phi.record_number", m.start(1), m.end(1)))
    for m in _at_keywords(DATE_CONTEXT, _KW_DATE, text, low):
        found.append(_f("phi.date", m.start(1), m.end(1)))
    for m in STREET.finditer(text):
        found.append(_f("phi.address", m.start(), m.end()))
    if "live at" in low or "address" in low or "i'm at" in low or "i am at" in low:
        for m in LIVE_AT.finditer(text):
            found.append(_f("phi.address", m.start(1), m.end(1)))
    for m in UK_POSTCODE.finditer(text):
        found.append(_f("phi.postcode", m.start(), m.end()))
    if "post" in low:
        for m in POSTCODE_CONTEXT.finditer(text):
            found.append(_f("phi.postcode", m.start(1), m.end(1)))
    if _DIGITS5.search(text):
        for m in ZIP.finditer(text):
            g = next(i for i in (1, 2, 3) if m.group(i))
            found.append(_f("phi.postcode", m.start(g), m.end(g)))
    if "http" in low or "www." in low:
        for m in URL.finditer(text):
            url = m.group(0).rstrip(".,;:!?")
            before = text[max(0, m.start() - 40):m.start()]
            if PERSONAL_URL.search(url) or URL_CONTEXT.search(before) or IPV4.search(url):
                found.append(_f("phi.url", m.start(), m.start() + len(url)))
    if text.count(".") >= 3:
        for m in IPV4.finditer(text):
            if not _inside(found, m.start()) and not re.match(r"^\d+\.\d+\.\d+\.\d+\s*(?:mg|ml|%)", text[m.start():], I):
                found.append(_f("phi.ip", m.start(), m.end()))
    if text.count(":") >= 2:
        for m in IPV6.finditer(text):
            found.append(_f("phi.ip", m.start(), m.end()))
    if True:
        for m in _at_keywords(LICENCE, _KW_LICENCE, text, low):
            value = m.group(1)
            if any(c.isdigit() for c in value) and len(value.replace(" ", "").replace("-", "")) >= 5:
                found.append(_f("phi.licence", m.start(1), m.end(1)))
    if digits3:
        for m in PHONE.finditer(text):
            digits = re.sub(r"\D", "", m.group(0))
            if not 10 <= len(digits) <= 15 or _inside(found, m.start()):
                continue
            if _QUANTITY_AFTER.match(text[m.end():m.end() + 8]) or _SERVICE_NUMBER.match(digits):
                continue
            found.append(_f("phi.phone", m.start(), m.end()))
    if _KW_NAME.search(low):
        for m in SELF_NAME.finditer(text):
            name = m.group(1)
            if name.split()[0] not in _NOT_NAMES and not any(w in _NOT_NAMES for w in name.split()[1:2]):
                found.append(_f("phi.name", m.start(1), m.end(1)))
        for m in CLINICIAN_NAME.finditer(text):
            g = 1 if m.group(1) else 2
            name = m.group(g)
            if name.split()[0] not in _NOT_NAMES:
                found.append(_f("phi.name", m.start(g), m.end(g)))
    return _dedupe(found)


def _at_keywords(rx: re.Pattern[str], keywords: re.Pattern[str], text: str, low: str) -> list[re.Match[str]]:
    """Matches of `rx` that start where one of its keywords starts: the keyword scan is cheap,
    the full pattern only runs at those few places."""
    out = []
    last_end = -1
    for k in keywords.finditer(low):
        if k.start() < last_end or (k.start() > 0 and low[k.start() - 1].isalnum()):
            continue
        m = rx.match(text, k.start())
        if m:
            out.append(m)
            last_end = m.end()
    return out


def _inside(found: list[Finding], pos: int) -> bool:
    return any(f.start <= pos < f.end for f in found)


def _dedupe(found: list[Finding]) -> list[Finding]:
    """Sort by position and drop findings contained in an earlier, longer one."""
    out: list[Finding] = []
    for f in sorted(found, key=lambda f: (f.start, -(f.end - f.start))):
        if out and f.start >= out[-1].start and f.end <= out[-1].end:
            continue
        out.append(f)
    return out


def redact(text: str, findings: list[Finding] | None = None) -> str:
    """Replace each identifier with its tag (overlapping findings merge into one tag)."""
    spans = sorted((f for f in (find_phi(text) if findings is None else findings) if f.tag), key=lambda f: f.start)
    out, pos = [], 0
    for f in spans:
        if f.start < pos:
            pos = max(pos, f.end)
            continue
        out.append(text[pos:f.start])
        out.append(f.tag)  # type: ignore[arg-type]
        pos = f.end
    out.append(text[pos:])
    return "".join(out)
