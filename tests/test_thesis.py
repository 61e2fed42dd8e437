"""The thesis of the outline: the author's own main claim, on texts written for these tests."""

from __future__ import annotations

from conftest import analyse_bytes

# an op-ed that quotes an authority's "we should" before making its own, opposite case
AUTHORITY = """Keep the ring road open

Dr Ellen Marsh, the author of three books on city transport, argued that we should close the ring road to cars next spring.

Her reasons are familiar. Traffic on the ring road has grown every year, and the air near the junctions is poor.

But closing it now would push the traffic into the old streets, where the schools are. The buses that would replace the cars have not been ordered, and the tram line will not open before 2030.

The ring road should stay open until the tram line runs.
"""

# an essay whose opening only points back at the view it answers: its claim is stated at the close
ESSAY = """Should city centres be closed to cars?

Some people believe that cars keep the shops of a city centre alive. I strongly disagree with this view for two reasons.

First, streets without cars draw more people on foot. Shoppers who walk stay longer and spend more than drivers who park and leave.

Second, the air in a centre without cars is cleaner. Children and older people can walk there without breathing fumes.

In conclusion, city centres should be closed to cars, because people on foot, not cars, keep the shops alive.
"""

def test_an_authority_quoted_arguing_for_the_other_side_is_not_the_thesis() -> None:
    a = analyse_bytes(AUTHORITY)
    thesis = a.outline[0]
    assert thesis.role == "thesis"
    assert "argued that we should" not in a.span_text(thesis)
    assert "should stay open" in a.span_text(thesis) or a.span_text(thesis) == "Keep the ring road open"


def test_a_sentence_that_only_points_back_at_a_view_is_not_the_thesis() -> None:
    # "I strongly disagree with this view" says what the author thinks only with the sentence before
    # it; the reader wants the claim itself, which the essay states at its close
    a = analyse_bytes(ESSAY)
    thesis = a.span_text(a.outline[0])
    assert "this view" not in thesis
    assert "city centres should be closed to cars" in thesis
