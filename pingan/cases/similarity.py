"""How alike two reports read: character bigrams of normalised Chinese text.

Used by the duplicate search (pingan.cases.duplicates) and the routing suggestions
(pingan.cases.routing). Hand-written on purpose: a word segmenter (jieba) needs a large dictionary
and still cuts the same place name differently in two reports, and an embedding model would have to
be downloaded and cannot say why two texts match. Bigrams of characters need neither, cost a few
microseconds, and the number they give ("描述相似度 0.82") is something a dispatcher can check by
reading both texts.

Normalisation: full-width to half-width and lower case (NFKC), a short list of hotline synonyms
folded to one word (工钱/薪水 → 工资), filler phrases that every caller uses cut out (请求帮助,
相关部门, 尽快处理), and everything that is not a letter, digit or Chinese character treated as a
break. Bigrams are taken inside the pieces between breaks.
"""

import math
import re
import unicodedata
from collections.abc import Iterable

# Words callers use for the same thing, folded to one spelling before shingling. Longest first,
# so that 拖欠工资 is folded before 工资 inside it would be.
SYNONYMS = {
    "工资款": "工资",
    "工钱": "工资",
    "薪水": "工资",
    "薪资": "工资",
    "血汗钱": "工资",
    "劳务费": "工资",
    "欠薪": "欠工资",
    "不发工资": "欠工资",
    "没发工资": "欠工资",
    "拖欠工资": "欠工资",
    "拖欠": "欠",
    "包工头": "老板",
    "工头": "老板",
    "老板娘": "老板",
    "噪声": "噪音",
    "吵闹": "噪音",
    "很吵": "噪音",
    "扰民": "噪音",
    "电梯间": "电梯",
    "升降梯": "电梯",
    "路灯不亮": "路灯坏",
    "路灯坏了": "路灯坏",
    "垃圾桶": "垃圾",
    "渗水": "漏水",
    "滴水": "漏水",
    "灭火器材": "灭火器",
    "车库": "停车库",
    "地下停车库": "停车库",
    "小区物业": "物业",
    "物业公司": "物业",
    "施工队": "工地",
    "建筑工地": "工地",
    "项目部": "工地",
}

# Phrases nearly every caller says whatever the matter; they would make unrelated reports look
# alike. Cut out (and treated as a break) before shingling.
FILLERS = (
    "您好",
    "你好",
    "请问",
    "请求",
    "希望",
    "麻烦",
    "帮忙",
    "帮助",
    "相关部门",
    "有关部门",
    "政府",
    "尽快",
    "赶紧",
    "处理",
    "解决",
    "反映",
    "投诉",
    "举报",
    "一下",
    "我们",
    "他们",
    "这个",
    "那个",
    "一直",
    "已经",
    "现在",
    "情况",
    "问题",
    "谢谢",
    "市民",
    "来电",
    "还是",
    "没有",
    "不是",
    "可以",
    "什么",
    "怎么",
    # Single characters that never belong to a name (unlike 和 in 和平路 or 有 in 有限公司).
    "的",
    "了",
    "我",
    "请",
    "吗",
    "呢",
    "吧",
    "啊",
)

_SYNONYM_RE = re.compile("|".join(map(re.escape, sorted(SYNONYMS, key=len, reverse=True))))
_FILLER_RE = re.compile("|".join(map(re.escape, sorted(FILLERS, key=len, reverse=True))))
# Building and unit numbers are said in Chinese numerals as often as written in digits
# (三号楼 / 3号楼); small ones before 号/幢/栋/楼/单元/期 are folded to digits.
_NUMERALS = dict(zip("一二三四五六七八九", "123456789", strict=True))
_NUMBERED_RE = re.compile(
    r"([一二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])(?=[号幢栋楼期]|单元)"
)
# Letters, digits and CJK ideographs are text; everything else is a break.
_BREAK_RE = re.compile(r"[^0-9a-z\u3400-\u4dbf\u4e00-\u9fff]+")


def _numeral(match: re.Match) -> str:
    word = match.group(1)
    if "十" not in word:
        return _NUMERALS[word]
    tens, _ten, units = word.partition("十")
    return str(int(_NUMERALS.get(tens, "1")) * 10 + int(_NUMERALS.get(units, "0")))


def normalize(text: str) -> str:
    """The report as the comparison sees it: pieces of text separated by single spaces."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    text = _NUMBERED_RE.sub(_numeral, text)
    text = _SYNONYM_RE.sub(lambda m: SYNONYMS[m.group(0)], text)
    text = _FILLER_RE.sub(" ", text)
    return " ".join(piece for piece in _BREAK_RE.split(text) if piece)


def shingles_of_normalized(normalized: str) -> frozenset[str]:
    grams = set()
    for piece in normalized.split():
        grams.update(piece[i : i + 2] for i in range(len(piece) - 1))
    return frozenset(grams)


def shingles(text: str) -> frozenset[str]:
    """The set of character bigrams of the normalised text."""
    return shingles_of_normalized(normalize(text))


def pack(grams: Iterable[str]) -> str:
    """Bigrams as stored in a column: sorted, space-separated (str.split rebuilds them fast)."""
    return " ".join(sorted(grams))


def unpack(stored: str) -> frozenset[str]:
    return frozenset(stored.split())


# A bigram found in at least this share of recent cases says nothing about which place or party a
# report is about (电梯, 工资, 小区); rarer ones (the bigrams of 景天小区 or 安锦化纤厂) do.
DISTINCTIVE_SHARE = 0.01
# How much of the text similarity comes from the distinctive bigrams (names) rather than from
# the wording as a whole: two reports of one matter name the same place and use different words.
NAME_EMPHASIS = 0.8
NAME_TAIL = 3  # characters a shown name may run on past its distinctive part (小区, 服装厂)


class Weights:
    """How much a shared bigram says, from in how many of N recent cases it occurs (df).

    - weight: smoothed inverse document frequency, log((N + 1) / (df + 1)) + 1; with nothing
      counted (N = 0) every bigram weighs 1;
    - distinctive weight: log(DISTINCTIVE_SHARE * (N + 1) / (df + 1)) where that is positive,
      else 0: only bigrams rarer than DISTINCTIVE_SHARE of the cases have one, and only once a
      hundred or so cases have been counted.
    """

    def __init__(self, cases: int = 0, frequencies: dict[str, int] | None = None):
        self.cases = cases
        self.unseen = math.log(cases + 1) + 1
        self.unseen_distinctive = max(0.0, math.log(DISTINCTIVE_SHARE * (cases + 1)))
        self._weights, self._distinctive = {}, {}
        for gram, count in (frequencies or {}).items():
            self._weights[gram] = math.log((cases + 1) / (count + 1)) + 1
            self._distinctive[gram] = max(
                0.0, math.log(DISTINCTIVE_SHARE * (cases + 1) / (count + 1))
            )
        # Once names can be told apart, the common bigrams are a few hundred known ones and
        # everything else (unseen included) is distinctive: totals() then needs one set
        # intersection instead of two lookups per bigram.
        self._common = {g: w for g, w in self._weights.items() if not self._distinctive[g]}
        self._common_keys = frozenset(self._common)
        # Totals of stored bigram strings already seen: the same candidates come up again and
        # again in one town's searches. Bounded; a new Weights object starts empty.
        self._totals: dict[str, tuple[float, float]] = {}

    def of(self, gram: str) -> float:
        return self._weights.get(gram, self.unseen)

    def distinctive(self, gram: str) -> float:
        return self._distinctive.get(gram, self.unseen_distinctive)

    def known_totals(self, stored: str) -> tuple[float, float] | None:
        """totals() of a stored string if already worked out, else None."""
        return self._totals.get(stored)

    def totals(self, grams: Iterable[str], stored: str | None = None) -> tuple[float, float]:
        """(sum of the weights of the bigrams that are not distinctive, sum of the distinctive
        weights of those that are), remembered by `stored` (the string the bigrams were
        unpacked from) when given."""
        if stored is not None:
            found = self._totals.get(stored)
            if found is not None:
                return found
        if self.unseen_distinctive > 0:
            common = self._common_keys.intersection(grams)
            plain = sum(self._common[g] for g in common)
            get_d, unseen_d = self._distinctive.get, self.unseen_distinctive
            names = sum(get_d(g, unseen_d) for g in grams if g not in common)
        else:
            get, unseen = self._weights.get, self.unseen
            plain, names = sum(get(g, unseen) for g in grams), 0.0
        found = (plain, names)
        if stored is not None:
            if len(self._totals) >= 50_000:
                self._totals.clear()
            self._totals[stored] = found
        return found


UNIFORM = Weights()


def _coefficients(shared: float, mine: float, theirs: float) -> float:
    """The mean of the (weighted) Dice and overlap coefficients.

    Dice alone punishes a short call ("金域兰庭欠工资") against a long written report of the same
    matter; the overlap coefficient alone calls any short text contained in a long one a
    duplicate. Their mean keeps both in check.
    """
    return (2 * shared / (mine + theirs) + shared / min(mine, theirs)) / 2


class Query:
    """One text compared with many: its bigrams and their weights, worked out once.

    The text is compared in two parts: its wording (the bigrams that are not distinctive: what
    the problem is, 电梯坏了 / 拖欠工资) and its names (the distinctive ones: which compound,
    company or person). `ignore` are distinctive bigrams counted as wording all the same: those
    of the report's own region (村 and 街道 names), which any report from there may mention and
    which the search compares by region code anyway.
    """

    def __init__(
        self,
        grams: frozenset[str],
        weights: Weights = UNIFORM,
        ignore: frozenset[str] = frozenset(),
    ):
        self.grams = grams
        self.weights = weights
        self._ignore = ignore
        self._plain, self._names = {}, {}
        for g in grams:
            distinctive = weights.distinctive(g)
            if distinctive > 0 and g not in ignore:
                self._names[g] = distinctive
            else:
                self._plain[g] = weights.of(g)
        self.plain_total = sum(self._plain.values())
        self.names_total = sum(self._names.values())

    def cannot_match(self, stored: str) -> bool:
        """True when a stored candidate is sure to score 0, found without unpacking it: this
        text names something, the candidate names something else (known from its remembered
        totals) and shares none of this text's names. A bigram is a whole token of the stored
        string, so a substring test finds it exactly."""
        if not self._names:
            return False
        known = self.weights.known_totals(stored)
        if known is None or any(g in stored for g in self._names):
            return False
        their_names = known[1] - sum(
            self.weights.distinctive(g) for g in self._ignore if g in stored
        )
        return their_names > 1e-9

    def parts(self, other: frozenset[str], stored: str | None = None) -> tuple[float, float | None]:
        """(the wording's similarity, the names' similarity, or None when either text names
        nothing). `stored`: the string `other` was unpacked from, to remember its totals by."""
        common = self.grams & other
        theirs, their_names = self.weights.totals(other, stored)
        ignored = self._ignore & other if self._ignore else ()
        for g in ignored:
            # The region's own names count as wording here, as they do in this query.
            value = self.weights.distinctive(g)
            if value > 0:
                their_names -= value
                theirs += self.weights.of(g)
        shared_plain = sum(self._plain[g] for g in common if g in self._plain)
        wording = (
            _coefficients(shared_plain, self.plain_total, theirs)
            if shared_plain and theirs > 0
            else 0.0
        )
        if not self.names_total or their_names <= 1e-9:
            return wording, None
        shared = sum(self._names[g] for g in common if g in self._names)
        return wording, (_coefficients(shared, self.names_total, their_names) if shared else 0.0)

    def similarity(self, other: frozenset[str], stored: str | None = None) -> float:
        """0..1 (see combine)."""
        return combine(*self.parts(other, stored))

    def shared_names(self, normalized: str, other: frozenset[str]) -> list[str]:
        """The runs of this text (given normalised) made of distinctive bigrams it shares with
        `other`, each carried on over up to NAME_TAIL more shared characters so that the
        common ending of a name is shown too: ["景天小区"], not ["景天小"]. What a dispatcher
        reads as "the same place"."""
        names = {g for g in self._names if g in other}
        shared = self.grams & other
        runs = []
        for piece in normalized.split():
            i = 0
            while i < len(piece) - 1:
                if piece[i : i + 2] not in names:
                    i += 1
                    continue
                end = i + 2
                while end < len(piece) and piece[end - 1 : end + 1] in names:
                    end += 1
                tail = 0
                while tail < NAME_TAIL and end < len(piece) and piece[end - 1 : end + 1] in shared:
                    end += 1
                    tail += 1
                runs.append(piece[i:end])
                i = end
        return list(dict.fromkeys(runs))


def combine(wording: float, names: float | None) -> float:
    """wording^(1 - NAME_EMPHASIS) x names^NAME_EMPHASIS, or the wording alone when there are no
    names to compare."""
    if names is None or not wording:
        return wording
    return wording ** (1 - NAME_EMPHASIS) * names**NAME_EMPHASIS


def similarity(a: frozenset[str], b: frozenset[str], weights: Weights = UNIFORM) -> float:
    """0..1: how alike two bigram sets are (see Query.similarity)."""
    if not a or not b:
        return 0.0
    return Query(a, weights).similarity(b)
