"""The evaluation report's words: English msgids looked up in the message catalogue.

(Numbers are formatted by toolkit.i18n.)
"""
from __future__ import annotations

from ...i18n import N_, gettext

_T: dict[str, str | tuple[str, ...]] = {  # a tuple: one text per point of a scale
    # TRANSLATORS: between a label and its value ("Dates: 10 April"); French " : ".
    "colon": N_(": "),
    # TRANSLATORS: between items of a list ("IOM; ICMC"); French puts a thin space before ";".
    "semicolon": N_("; "),
    "gain_ci": N_("{gain} ({low} to {high})"),
    "col_sex": N_("sex"),
    "col_country": N_("country"),
    "col_organisation": N_("organization"),
    "col_function": N_("function"),
    "doc_title": N_("Evaluation report"),
    "portfolio_title": N_("Evaluation report: workshop portfolio"),
    "subject": N_("Participants’ learning (pre/post test), item quality, satisfaction"),
    "page": N_("Page"),
    "dates": N_("Dates"),
    "place": N_("Place"),
    "organisers": N_("Organizers"),
    "partners": N_("Partners"),
    "funders": N_("Funders"),
    "participants": N_("Participants"),
    "by_sex": N_("By sex"),
    "by_country": N_("By country"),
    "sex_F": N_("Women"),
    "sex_M": N_("Men"),
    "not_given": N_("Not given"),
    "no_roster": N_("No participant roster was given: no breakdown by sex or country."),
    "key_figures": N_("Key figures"),
    "kf_matched": N_("Participants who took both tests"),
    "kf_prepost": N_("Mean score before → after"),
    "kf_gain": N_("Mean gain (95% CI)"),
    "kf_gain_noci": N_("Mean gain"),
    "kf_points": N_("points"),
    "kf_ng": N_("Normalized gain (Hake)"),
    "kf_improved": N_("Improved (95% CI)"),
    "kf_pass": N_("Reached the pass mark of {mark} (before → after)"),
    "kf_pass_one": N_("Reached the pass mark of {mark} in the {test}"),
    "kf_p": N_("Paired t-test: p; effect size d for paired scores (95% CI)"),
    "kf_test_n": N_("Participants in the {test}"),
    "kf_test_mean": N_("Mean {test} score (median)"),
    "pre_test": N_("pre-test"),
    "post_test": N_("post-test"),
    "band_low": N_("low"),
    "band_medium": N_("medium"),
    "band_high": N_("high"),
    "too_small": N_("n too small for a test"),
    "s_gain": N_("On average, the {n} participants who took both tests went from a score of "
                 "{pre} to {post}, {gain} points more{ci}; the normalized gain ({g}) is "
                 "{band}."),
    "s_loss": N_("On average, the {n} participants who took both tests went from a score of "
                 "{pre} to {post}, {gain} points less{ci}; the normalized gain ({g}) is "
                 "{band}."),
    "s_unclear": N_("The confidence interval includes 0: these data do not show that the "
                    "scores changed."),
    "s_ci": N_(" (95% CI {lo} to {hi})"),
    "s_share": N_("{improved} of them improved{reliable}, and {post_pass} reached the pass mark "
                  "of {mark} after the workshop, against {pre_pass} before."),
    "s_limits": N_("These figures describe this group only: the number of people is "
                   "small{unmatched}, and with no control group the whole gain cannot be "
                   "credited to the workshop (having seen the test before, other training or "
                   "events may explain part of it)."),
    "s_unmatched": N_(", {k} people took only one of the two tests and are not in the "
                      "comparison"),
    "s_unmatched_1": N_(", one person took only one of the two tests and is not in the "
                        "comparison"),
    "s_small": N_("With only {n} participants who took both tests, no statistical test or "
                  "confidence interval is meaningful: the figures are descriptive only."),
    "s_one_test": N_("Only the {test} was taken ({n} participants, mean score {mean}): this "
                     "report shows where participants stood, not what they learned."),
    "s_one_pass": N_("{share} reached the pass mark of {mark}."),
    "s_one_limits": N_("Without a test before and after for the same people, no gain can be "
                       "measured."),
    "s_none_matched": N_("No participant could be matched between the pre-test and the "
                         "post-test: no gain is computed."),
    "learning": N_("Learning (Kirkpatrick level 2)"),
    "each_participant": N_("Each participant’s score before and after (n = {n}, sorted by "
                           "gain)"),
    "before": N_("Before (pre-test)"),
    "after": N_("After (post-test)"),
    "score_axis": N_("Score (% correct)"),
    "distribution": N_("Distribution of scores"),
    "count_axis": N_("Participants"),
    "by_group": N_("Results by {group}"),
    "group": N_("Group"),
    "n": N_("n"),
    "pre_mean": N_("Mean before"),
    "post_mean": N_("Mean after"),
    "mean": N_("Mean"),
    "gain_pts": N_("Gain (points)"),
    "improved": N_("Improved"),
    "suppressed": N_("— (n < 5)"),
    "suppressed_note": N_("Groups of fewer than 5 people show their count only, to protect "
                          "anonymity and because an average over so few people says nothing. "
                          "Another group is hidden too when its figures, subtracted from the "
                          "total, would reveal the small group’s."),
    "modules": N_("Sub-scores by module"),
    "module": N_("Module"),
    "modules_note": N_("Means before and after: everyone who took each test; gain: the mean "
                       "gain of the participants who took both tests (so it can differ from "
                       "the difference between the two means)."),
    "items_n": N_("Questions"),
    "items_chart": N_("Share of correct answers by question (question texts in the last "
                      "annex)"),
    "question": N_("Question"),
    "pct_pre": N_("% before"),
    "pct_post": N_("% after"),
    "pct_correct": N_("Correct answers (%)"),
    "mcnemar": N_("McNemar p (Holm)"),
    "disc_pre": N_("Discrim. before"),
    "disc_post": N_("Discrim. after"),
    "facility_band": N_("Ease"),
    "fb_right": N_("about right"),
    "fb_easy": N_("easy"),
    "fb_hard": N_("hard"),
    "fb_suspicious": N_("suspicious"),
    "items_note": N_("Ease = % of correct answers in the {stage}: easy 65% or more, about "
                     "right 35–64%, hard under 35%, suspicious 5% or less or 95% or more. "
                     "Discrimination = correlation between the question and the rest of the "
                     "test (< 0.2: weak). McNemar: is the question answered better after than "
                     "before, p adjusted by Holm’s method."),
    "items_note_small": N_("Ease = % of correct answers in the {stage}: easy 65% or more, "
                           "about right 35–64%, hard under 35%, suspicious 5% or less or 95% "
                           "or more. With fewer than 5 participants, discrimination and the "
                           "McNemar test are meaningless and are not shown."),
    "alpha_small": N_("Fewer than 5 participants: the test’s reliability (alpha) cannot "
                      "usefully be estimated."),
    "flags": N_("Questions to revise"),
    "no_flags": N_("No question raises a concern on these criteria."),
    "flag_negative": N_("Negative discrimination in the {stage}, beyond chance: stronger "
                        "participants got it wrong more often than others. Check the answer key "
                        "first, then the wording"),
    "flag_weak": N_("Weak discrimination (< 0.2) in the {stage}: the question barely "
                    "separates those who know the topic. Reword or replace it"),
    "flag_easy": N_("Already answered correctly by 95% or more of participants before the "
                    "workshop: it measures no learning. Replace it with a harder question"),
    "flag_hard": N_("Almost nobody got it right after the workshop (≤ 5%): check the key and "
                    "whether the topic was taught"),
    "not_in_roster": N_("Not in the roster"),
    "satisfaction": N_("Satisfaction (Kirkpatrick level 1)"),
    "no_satisfaction": N_("No satisfaction survey was given for this report."),
    "likert_axis": N_("% of valid answers (disagree left, agree right)"),
    "scale": (N_("Strongly "
                 "disagree"), N_("Disagree"), N_("Neutral"), N_("Agree"), N_("Strongly agree")),
    "sessions": N_("Rating of each session"),
    "session": N_("Session"),
    "top2": N_("Agree or strongly agree"),
    "n_valid": N_("n valid"),
    "median": N_("Median"),
    "item": N_("Statement"),
    "respondents": N_("{n} survey responses; {pct} of all {answers} valid answers to the {k} "
                      "statements are agree or strongly agree (or satisfied and very satisfied)."),
    "nps": N_("Net Promoter Score, the share who would recommend the workshop (9 or 10 of 10) "
              "minus the share who would not (0 to 6), to “{item}”: {nps} (recommend {pro}, "
              "would not {det}, n = {n})."),
    "satisfied_by_sex": N_("Satisfied by sex"),
    "satisfied": N_("Satisfied"),
    "comments": N_("Open comments (a selection)"),
    "comments_note": N_("Comments are anonymous; those containing an e-mail address or a "
                        "phone number were left out. Comments quoted: {shown} of {total}."),
    "no_comments": N_("No open comment."),
    "annex": N_("Annex: method and data"),
    # the cover
    "organised_by": N_("Organized by"),
    "with_partners": N_("In partnership with"),
    "funded_by": N_("With funding from"),
    "author": N_("Author"),
    "report_date": N_("Date"),
    "version": N_("Version"),
    # the executive summary
    "exec_summary": N_("Executive summary"),
    "findings": N_("Key findings"),
    "findings_note": N_("95% CI: the 95% confidence interval, the range of values compatible "
                        "with the data. These figures describe this group only: with no "
                        "control group, not all of the change can be credited to the "
                        "workshop."),
    "findings_note_noci": N_("These figures describe this group only: with no control group, "
                             "not all of the change can be credited to the workshop."),
    "recommendations": N_("Recommendations"),
    "no_recommendations": N_("No recommendation has been written yet. The organizers write "
                             "theirs in the workshop file, under the key recommendations (one "
                             "text per recommendation, in each language of the workshop), "
                             "then make the report again."),
    "f_gain": N_("Learning: the mean score rose from {pre} to {post} ({gain} points, 95% CI "
                 "{lo} to {hi}; n = {n} participants who took both tests)."),
    "f_loss": N_("Learning: the mean score fell from {pre} to {post} ({gain} points, 95% CI "
                 "{lo} to {hi}; n = {n} participants who took both tests)."),
    "f_gain_small": N_("Learning: the mean score rose from {pre} to {post} ({gain} points; "
                       "n = {n} participants who took both tests, too few for a confidence "
                       "interval)."),
    "f_loss_small": N_("Learning: the mean score fell from {pre} to {post} ({gain} points; "
                       "n = {n} participants who took both tests, too few for a confidence "
                       "interval)."),
    "f_one_test": N_("Learning: only the {test} was taken (n = {n}, mean score {mean}): no "
                     "gain can be measured."),
    "f_ci": N_(" (95% CI {lo} to {hi})"),
    "f_workshops": N_("Workshops: {count}; the mean gain ranged from {low} points ({low_w}) to "
                      "{high} points ({high_w})."),
    "f_pass": N_("Pass mark: {post} reached {mark} after the workshop{ci}, against {pre} "
                 "before (n = {n})."),
    "f_no_satisfaction": N_("Satisfaction: no satisfaction survey was given."),
    "f_overall": N_("Satisfaction: {pct} were satisfied with the workshop overall (4 or 5 of "
                    "5; n = {n} answers)."),
    "f_satisfied": N_("Satisfaction: {pct} of the {answers} answers to the {k} statements "
                      "agree or strongly agree (n = {n} responses)."),
    "f_no_attendance": N_("Attendance: no attendance sheet was given."),
    "f_attendance": N_("Attendance: on average {rate} of the {n} participants on the sheet "
                       "were present at each of the {k} half-days (lowest: {low}, {low_pct})."),
    "f_certificates": N_("Certificates: {completion} of completion and {participation} of "
                         "participation; {none}."),
    "f_question_pct": N_("Q{q} ({pct})"),
    "f_weakest": N_("Questions to revise: the weakest in the {test} (share of correct "
                    "answers, n = {n}) were {listed}; their texts are in the annex."),
    # participation and certificates
    "participation": N_("Participation and attendance"),
    "tests_taken": N_("{pre} took the pre-test, {post} the post-test, {both} both."),
    "attendance": N_("Attendance"),
    "attendance_title": N_("Attendance per half-day (n = {n} participants on the sheet)"),
    "no_attendance": N_("No attendance sheet was given: attendance per half-day is not "
                        "reported."),
    "half_day": N_("Half-day"),
    "present_of": N_("Present (of {n})"),
    "rate": N_("Rate"),
    "mean_half_day": N_("Mean per half-day"),
    "attendance_note": N_("Rate = people marked present / people on the attendance sheet."),
    "certificates": N_("Certificates issued"),
    "no_certificates": N_("No certificate decision: it needs the roster and the attendance "
                          "sheet."),
    "cert_kind": N_("Certificate"),
    "cert_count": N_("People"),
    "cert_completion": N_("Completion (attendance ≥ {threshold} and post-test ≥ {mark})"),
    "cert_participation": N_("Participation (attendance ≥ {threshold})"),
    "cert_none": N_("None (attendance below {threshold}, or not on the sheet)"),
    "total": N_("Total"),
    "certificates_note": N_("Counts from the certificate rules of the workshop file, applied "
                            "to the roster and the attendance sheet."),
    # learning and the annexes
    "before_n": N_("Before (pre-test), n = {n}"),
    "after_n": N_("After (post-test), n = {n}"),
    "distribution_note": N_("Every score is counted: {pre} pre-tests and {post} post-tests; "
                            "the key figures compare the {n} participants who took both."),
    "flags_intro": N_("Questions are named by their number; their full texts and figures "
                      "are in the annexes."),
    "q_number": N_("Q{q}"),
    "annex_items": N_("Annex: item analysis"),
    "items_table": N_("Figures by question"),
    "annex_people": N_("Annex: each participant’s scores"),
    "participant": N_("Participant"),
    "pct_pre_score": N_("Score before"),
    "pct_post_score": N_("Score after"),
    "people_table": N_("Scores by participant (n = {n})"),
    "caveat_low": N_("Read with care: the test’s reliability is low (Cronbach’s alpha: {alpha}), "
                     "so an individual score is imprecise; only the group averages should be "
                     "read."),
    "caveat_ok": N_("The test’s reliability is satisfactory (Cronbach’s alpha: {alpha})."),
    "caveat_unknown": N_("The test’s reliability could not be estimated: an individual score "
                         "may be imprecise, and only the group averages should be read."),
    "annex_questions": N_("Annex: question texts"),
    "question_text": N_("Text (and its id in the question bank)"),
    "with_n": N_("{text} (n = {n})"),
    "alpha_in": N_("{alpha} in the {test}"),
    "question_text_short": N_("Text"),
    "pct_before_after": N_("% correct before → after"),
    "flagged_texts": N_("The questions concerned"),
    "in_fr": N_("in French"),
    "in_en": N_("in English"),
    "method": N_("Method"),
    "m_scores": N_("Each participant gets a score in % of the points available (a blank answer "
                   "scores 0). Only participants matched between pre- and post-test count in the "
                   "gain."),
    "m_gain": N_("Mean gain in points with its 95% confidence interval (Student’s t), paired "
                 "t-test and Wilcoxon signed-rank test; effect size for paired scores d = mean "
                 "gain / SD of gains. Hake’s (1998) normalized gain: (post − pre) / (100 − pre) "
                 "on the means; Hake’s bands: low g < 0.3, medium 0.3 ≤ g < 0.7, high g ≥ 0.7; "
                 "a negative g is a loss. Intervals: Wilson’s for shares, Feldt’s for alpha, the "
                 "noncentral t for d."),
    "m_extra": N_("Marx & Cummings (2007) normalized change c, the mean of individual "
                  "changes: {c}. Reliable change (Jacobson & Truax 1991, with the pre-test’s "
                  "measurement error): {rci} of participants improved beyond measurement "
                  "error."),
    "m_items": N_("Per question: exact McNemar test on discordant pairs, p adjusted by "
                  "Holm’s method; discrimination = item-rest correlation."),
    "reliability": N_("Test reliability"),
    "alpha_line": N_("{test}: Cronbach’s (1951) alpha = {alpha}{ci}, standard error of "
                     "measurement = {sem} points."),
    "alpha_low": N_("An alpha below 0.64 is judged unsatisfactory (above 0.75: "
                    "satisfactory). Short workshop tests (a few questions on varied topics) "
                    "often have a low alpha: an individual score is imprecise, and only group "
                    "averages should be read."),
    "alpha_ok": N_("An alpha above 0.75 is judged satisfactory."),
    "data": N_("Data: rows left out and unmatched"),
    "rejected": N_("Rejected rows"),
    "duplicates": N_("Duplicates (the latest submission counts)"),
    "pre_only": N_("Pre-test only"),
    "post_only": N_("Post-test only"),
    "fuzzy": N_("Matched by a close name"),
    "none": N_("none"),
    "row": N_("row"),
    "limits": N_("Limits"),
    "limits_text": N_("A pre-test and post-test without a control group measure a change, "
                      "not its cause: having seen the questions before, exchanges between "
                      "participants or other events may explain part of the gain. Participants "
                      "present at both tests may differ from those who took only one. A "
                      "knowledge test says nothing about how it will be used at work "
                      "(Kirkpatrick levels 3 and 4)."),
    "references": N_("References"),
    "workshop": N_("Workshop"),
    "pooled": N_("Pooled (all participants)"),
    "pooled_note": N_("Pooled figures are over every matched participant of every workshop, "
                      "each counted once."),
    "ng": N_("Normalized gain"),
    "portfolio_chart": N_("Mean score before and after, by workshop"),
    "kf_improved_noci": N_("Improved"),
    "kf_reliable": N_("of whom beyond measurement error (reliable change)"),
    "kf_no_reliable": N_("not computed: {why}"),
    "why_alpha": N_("the pre-test’s alpha is ≤ 0, so its measurement error cannot be estimated"),
    "why_no_alpha": N_("no alpha for the pre-test"),
    "ci_pair": N_("({lo} to {hi})"),
    "kf_p_noci": N_("Paired t-test: p; effect size d for paired scores"),
    "band_loss": N_("loss"),
    "band_loss_s": N_("negative: a loss"),
    "s_reliable": N_(" ({rci} beyond the test’s measurement error)"),
    "suppressed_2": N_("— (hidden)"),
    "overall_line": N_("Satisfaction with the workshop overall: {pct} of the {n} answers to "
                       "“{item}” are favourable (4 or 5 of 5)."),
    "m_matching": N_("How rows were matched to people: {files}."),
    "m_match_file": N_("{file} by {by}"),
    "by_id": N_("participant code"),
    "by_email": N_("e-mail address"),
    "by_name": N_("name (ignoring accents and word order)"),
    "m_fuzzy": N_("{n} by a close name (listed below)"),
    "alpha_line_nosem": N_("{test}: Cronbach’s (1951) alpha = {alpha}{ci}. With an alpha ≤ 0 the "
                           "standard error of measurement would exceed the SD of the scores "
                           "({sd} points): it is not given, and the reliable change is not "
                           "computed."),
    "alpha_ci": N_(" (Feldt 95% CI {lo} to {hi})"),
}

# Problem codes of the score contract, in words for people.
CODES: dict[str, str] = {
    "missing-identity": N_("identity missing"),
    "missing-id": N_("id missing"),
    "duplicate-id": N_("id given twice"),
    "duplicate-submission": N_("duplicate submission"),
    "no-answer": N_("no answer"),
    "no-choice": N_("no answer is a choice"),
    "unknown-choice": N_("answer not among the choices"),
    "not-in-roster": N_("not in the roster"),
}


def code_word(code: str | None, lang: str) -> str:
    """'missing-identity' -> 'identité manquante'; an unknown code prints as given."""
    return gettext(CODES[code], lang) if code in CODES else (code or "?")


REFERENCES = (
    "Cronbach, L. J. (1951). Coefficient alpha and the internal structure of tests. "
    "Psychometrika, 16(3), 297–334.",
    "Hake, R. R. (1998). Interactive-engagement versus traditional methods. American Journal "
    "of Physics, 66(1), 64–74.",
    "Holm, S. (1979). A simple sequentially rejective multiple test procedure. Scandinavian "
    "Journal of Statistics, 6(2), 65–70.",
    "Jacobson, N. S., & Truax, P. (1991). Clinical significance. Journal of Consulting and "
    "Clinical Psychology, 59(1), 12–19.",
    "Marx, J. D., & Cummings, K. (2007). Normalized change. American Journal of Physics, "
    "75(1), 87–91.",
    "McNemar, Q. (1947). Note on the sampling error of the difference between correlated "
    "proportions. Psychometrika, 12(2), 153–157.",
)


def tr(key: str, lang: str, **values: object):
    """The text for ``key`` in ``lang`` from the message catalogue, with ``values`` filled in.

    A language the catalogue does not have raises ``toolkit.i18n.LanguageError``.
    """
    msgid = _T[key]
    if isinstance(msgid, tuple):
        return tuple(gettext(m, lang) for m in msgid)
    text = gettext(msgid, lang)
    return text.format(**values) if values else text
