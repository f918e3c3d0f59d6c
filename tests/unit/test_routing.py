from types import SimpleNamespace

from hotline.intake.route import Facts, Rule, route

TEAMS = {1: SimpleNamespace(id=1, kind="support"), 2: SimpleNamespace(id=2, kind="law_enforcement"),
         3: SimpleNamespace(id=3, kind="support")}
RULES = [Rule("spanish", {"language": ["es"]}, 3), Rule("police", {}, 2)]


def facts(**overrides) -> Facts:
    values = dict(channel="web", language="en", category=None, urgent=False,
                  consent_law_enforcement=False, consent_full_text=False)
    values.update(overrides)
    return Facts(**values)


def test_no_rule_matches_goes_to_default_queue():
    assert [d.team_id for d in route(facts(), RULES, TEAMS, 1)] == [1]


def test_law_enforcement_needs_consent_even_when_a_rule_matches():
    assert 2 not in {d.team_id for d in route(facts(), RULES, TEAMS, 1)}
    destinations = {d.team_id: d for d in route(facts(consent_law_enforcement=True), RULES, TEAMS, 1)}
    assert destinations[2].redacted_only is True
    full = {d.team_id: d for d in route(facts(consent_law_enforcement=True, consent_full_text=True),
                                        RULES, TEAMS, 1)}
    assert full[2].redacted_only is False


def test_matching_support_rule_replaces_default():
    assert [d.team_id for d in route(facts(language="es"), RULES, TEAMS, 1)] == [3]
