"""The evaluation report's words, in French and English (numbers are formatted by toolkit.i18n)."""
from __future__ import annotations

_T: dict[str, tuple[str, str]] = {
    # key: (fr, en)
    "doc_title": ("Rapport d'évaluation", "Evaluation report"),
    "portfolio_title": ("Rapport d'évaluation : portefeuille d'ateliers",
                        "Evaluation report: workshop portfolio"),
    "subject": ("Acquis des participants (pré/post-test), qualité des questions, satisfaction",
                "Participants' learning (pre/post test), item quality, satisfaction"),
    "page": ("Page", "Page"),
    "dates": ("Dates", "Dates"), "place": ("Lieu", "Place"),
    "organisers": ("Organisateurs", "Organisers"), "partners": ("Partenaires", "Partners"),
    "funders": ("Bailleurs", "Funders"),
    "participants": ("Participants", "Participants"),
    "by_sex": ("Par sexe", "By sex"), "by_country": ("Par pays", "By country"),
    "sex_F": ("Femmes", "Women"), "sex_M": ("Hommes", "Men"), "not_given": ("Non renseigné",
                                                                           "Not given"),
    "no_roster": ("Aucune liste des participants n'a été fournie : pas de répartition par sexe "
                  "ni par pays.", "No participant roster was given: no breakdown by sex or "
                  "country."),
    "key_figures": ("Chiffres clés", "Key figures"),
    "kf_matched": ("Participants ayant passé les deux tests", "Participants who took both tests"),
    "kf_prepost": ("Score moyen avant → après", "Mean score before → after"),
    "kf_gain": ("Gain moyen (IC à 95 %)", "Mean gain (95% CI)"),
    "kf_gain_noci": ("Gain moyen", "Mean gain"),
    "kf_points": ("points", "points"),
    "kf_ng": ("Gain normalisé (Hake)", "Normalized gain (Hake)"),
    "kf_improved": ("Ont progressé (IC à 95 %)", "Improved (95% CI)"),
    "kf_improved_noci": ("Ont progressé", "Improved"),
    "kf_reliable": ("dont au-delà de l’erreur de mesure (changement fiable)",
                    "of whom beyond measurement error (reliable change)"),
    "kf_no_reliable": ("non calculé : {why}", "not computed: {why}"),
    "why_alpha": ("l’alpha du pré-test est ≤ 0, l’erreur de mesure n’est pas estimable",
                  "the pre-test’s alpha is ≤ 0, so its measurement error cannot be estimated"),
    "why_no_alpha": ("pas d’alpha pour le pré-test", "no alpha for the pre-test"),
    "ci_pair": ("({lo}\u00a0;\u00a0{hi})", "({lo}\u00a0to\u00a0{hi})"),
    "kf_pass": ("Atteignent le seuil de {mark} (avant → après)",
                "Reached the pass mark of {mark} (before → after)"),
    "kf_pass_one": ("Atteignent le seuil de {mark} au {test}",
                    "Reached the pass mark of {mark} in the {test}"),
    "kf_p": ("Test t apparié : p ; taille d'effet d_z (IC à 95 %)",
             "Paired t-test: p; effect size d_z (95% CI)"),
    "kf_p_noci": ("Test t apparié : p ; taille d'effet d_z", "Paired t-test: p; effect size d_z"),
    "kf_satisfied": ("Réponses « d’accord » ou « tout à fait », en % de toutes les "
                     "{n} réponses aux {k} énoncés",
                     "Agree or strongly agree, as % of all {n} answers to the {k} statements"),
    "kf_overall": ("Satisfaits de l’atelier dans l’ensemble (4 ou 5 sur 5), en % des {n} "
                   "réponses à « {item} »",
                   "Satisfied with the workshop overall (4 or 5 of 5), as % of the {n} answers "
                   "to “{item}”"),
    "kf_test_n": ("Participants au {test}", "Participants in the {test}"),
    "kf_test_mean": ("Score moyen au {test} (médiane)", "Mean {test} score (median)"),
    "pre_test": ("pré-test", "pre-test"), "post_test": ("post-test", "post-test"),
    "band_low": ("faible", "low"), "band_medium": ("moyen", "medium"),
    "band_high": ("élevé", "high"), "band_loss": ("perte", "loss"),
    "band_loss_s": ("négatif : une perte", "negative: a loss"),
    "too_small": ("n trop petit pour un test", "n too small for a test"),
    # summary sentences
    "s_gain": ("En moyenne, les {n} participants ayant passé les deux tests sont passés d'un "
               "score de {pre} à {post}, soit {gain} points de plus{ci} ; le gain normalisé "
               "({g}) est {band}.",
               "On average, the {n} participants who took both tests went from a score of {pre} "
               "to {post}, {gain} points more{ci}; the normalized gain ({g}) is {band}."),
    "s_loss": ("En moyenne, les {n} participants ayant passé les deux tests sont passés d'un "
               "score de {pre} à {post}, soit {gain} points de moins{ci} ; le gain normalisé "
               "({g}) est {band}.",
               "On average, the {n} participants who took both tests went from a score of {pre} "
               "to {post}, {gain} points less{ci}; the normalized gain ({g}) is {band}."),
    "s_unclear": ("L'intervalle de confiance contient 0 : ces données ne permettent pas de "
                  "conclure que les scores ont changé.",
                  "The confidence interval includes 0: these data do not show that the scores "
                  "changed."),
    "s_ci": (" (IC à 95 % : {lo} à {hi})", " (95% CI {lo} to {hi})"),
    "s_share": ("{improved} d'entre eux ont progressé{reliable} et {post_pass} atteignent le "
                "seuil de {mark} après l'atelier, contre {pre_pass} avant.",
                "{improved} of them improved{reliable}, and {post_pass} reached the pass mark "
                "of {mark} after the workshop, against {pre_pass} before."),
    "s_reliable": (" ({rci} au-delà de l’erreur de mesure du test)",
                   " ({rci} beyond the test’s measurement error)"),
    "s_limits": ("Ces chiffres décrivent ce groupe seulement : l'effectif est petit{unmatched}, "
                 "et sans groupe témoin on ne peut pas attribuer tout le gain à l'atelier (le "
                 "fait d'avoir déjà vu le test, d'autres formations ou événements peuvent en "
                 "expliquer une part).",
                 "These figures describe this group only: the number of people is small"
                 "{unmatched}, and with no control group the whole gain cannot be credited to "
                 "the workshop (having seen the test before, other training or events may "
                 "explain part of it)."),
    "s_unmatched": (", {k} personnes n'ont passé qu'un des deux tests et ne sont pas comptées "
                    "dans la comparaison", ", {k} people took only one of the two tests and are "
                    "not in the comparison"),
    "s_unmatched_1": (", une personne n'a passé qu'un des deux tests et n'est pas comptée dans "
                      "la comparaison", ", one person took only one of the two tests and is not "
                      "in the comparison"),
    "s_small": ("Avec seulement {n} participants ayant passé les deux tests, aucun test "
                "statistique ni intervalle de confiance n'a de sens : les chiffres sont "
                "descriptifs.", "With only {n} participants who took both tests, no "
                "statistical test or confidence interval is meaningful: the figures are "
                "descriptive only."),
    "s_one_test": ("Seul le {test} a été passé ({n} participants, score moyen {mean}) : ce "
                   "rapport dit où en étaient les participants, pas ce qu'ils ont appris.",
                   "Only the {test} was taken ({n} participants, mean score {mean}): this "
                   "report shows where participants stood, not what they learned."),
    "s_one_pass": ("{share} atteignent le seuil de {mark}.", "{share} reached the pass mark "
                   "of {mark}."),
    "s_one_limits": ("Sans test avant et après pour les mêmes personnes, aucun gain ne peut "
                     "être mesuré.", "Without a test before and after for the same people, "
                     "no gain can be measured."),
    "s_none_matched": ("Aucun participant n'a pu être apparié entre le pré-test et le "
                       "post-test : aucun gain n'est calculé.", "No participant could be "
                       "matched between the pre-test and the post-test: no gain is computed."),
    # learning
    "learning": ("Acquis (niveau 2 de Kirkpatrick)", "Learning (Kirkpatrick level 2)"),
    "each_participant": ("Score de chaque participant avant et après (trié par gain)",
                         "Each participant's score before and after (sorted by gain)"),
    "before": ("Avant (pré-test)", "Before (pre-test)"),
    "after": ("Après (post-test)", "After (post-test)"),
    "score_axis": ("Score (% de bonnes réponses)", "Score (% correct)"),
    "distribution": ("Répartition des scores", "Distribution of scores"),
    "count_axis": ("Participants", "Participants"),
    "by_group": ("Résultats par {group}", "Results by {group}"),
    "group": ("Groupe", "Group"), "n": ("n", "n"),
    "pre_mean": ("Moyenne avant", "Mean before"), "post_mean": ("Moyenne après", "Mean after"),
    "mean": ("Moyenne", "Mean"), "gain_pts": ("Gain (points)", "Gain (points)"),
    "improved": ("Ont progressé", "Improved"),
    "suppressed": ("— (n < 5)", "— (n < 5)"),
    "suppressed_2": ("— (masqué)", "— (hidden)"),
    "suppressed_note": ("Les groupes de moins de 5 personnes ne montrent que l'effectif, pour "
                        "protéger l'anonymat et parce qu'une moyenne sur si peu de personnes ne "
                        "dit rien. Un autre groupe est masqué aussi quand ses chiffres, retranchés "
                        "du total, révéleraient ceux du petit groupe.",
                        "Groups of fewer than 5 people show their count only, to "
                        "protect anonymity and because an average over so few people says "
                        "nothing. Another group is hidden too when its figures, subtracted from "
                        "the total, would reveal the small group's."),
    "modules": ("Sous-scores par module", "Sub-scores by module"),
    "module": ("Module", "Module"),
    "modules_note": ("Moyennes avant et après : tous ceux qui ont passé chaque test ; gain : "
                     "moyenne des gains des participants ayant passé les deux tests (il peut "
                     "donc différer de l'écart entre les deux moyennes).",
                     "Means before and after: everyone who took each test; gain: the mean gain "
                     "of the participants who took both tests (so it can differ from the "
                     "difference between the two means)."), "items_n": ("Questions", "Questions"),
    "no_matched_chart": ("Pas de graphique individuel : personne n'a passé les deux tests.",
                         "No individual chart: nobody took both tests."),
    # items
    "items": ("Questions du test", "Test questions"),
    "items_chart": ("Part de bonnes réponses par question", "Share of correct answers by "
                    "question"),
    "question": ("Question", "Question"), "pct_pre": ("% avant", "% before"),
    "pct_post": ("% après", "% after"), "pct_correct": ("% correct", "% correct"),
    "mcnemar": ("McNemar p (Holm)", "McNemar p (Holm)"),
    "disc": ("Discrim.", "Discrim."), "disc_pre": ("Discrim. avant", "Discrim. before"),
    "disc_post": ("Discrim. après", "Discrim. after"),
    "facility_band": ("Facilité", "Facility"),
    "fb_right": ("adaptée", "about right"), "fb_easy": ("facile", "easy"),
    "fb_hard": ("difficile", "hard"), "fb_suspicious": ("suspecte", "suspicious"),
    "items_note": ("Facilité = % de bonnes réponses (35–64 % : adaptée ; ≤ 5 % ou ≥ 95 % : "
                   "suspecte). Discrimination = corrélation entre la question et le reste du "
                   "test (< 0,2 : faible). McNemar : la question est-elle mieux réussie après "
                   "qu'avant, p ajusté par la méthode de Holm.",
                   "Facility = % correct (35–64%: about right; ≤ 5% or ≥ 95%: suspicious). "
                   "Discrimination = correlation between the question and the rest of the test "
                   "(< 0.2: weak). McNemar: is the question answered better after than before, "
                   "p adjusted by Holm's method."),
    "items_note_small": ("Facilité = % de bonnes réponses (35–64 % : adaptée ; ≤ 5 % ou ≥ 95 % : "
                         "suspecte). Avec moins de 5 participants, la discrimination et le test "
                         "de McNemar n'ont pas de sens et ne sont pas montrés.",
                         "Facility = % correct (35–64%: about right; ≤ 5% or ≥ 95%: "
                         "suspicious). With fewer than 5 participants, discrimination and the "
                         "McNemar test are meaningless and are not shown."),
    "alpha_small": ("Moins de 5 participants : la fiabilité du test (alpha) n'est pas calculable "
                    "de façon utile.", "Fewer than 5 participants: the test's reliability "
                    "(alpha) cannot usefully be estimated."),
    "flags": ("Questions à revoir", "Questions to review"),
    "no_flags": ("Aucune question ne pose de problème selon ces critères.",
                 "No question raises a concern on these criteria."),
    "flag_negative": ("Discrimination négative au {stage}, au-delà du hasard : les participants "
                      "les plus forts se trompent plus que les autres. Vérifiez d'abord la clé "
                      "de correction, puis la formulation", "Negative discrimination in the "
                      "{stage}, beyond chance: stronger participants got it wrong more often "
                      "than others. Check the answer key first, then the wording"),
    "flag_weak": ("Discrimination faible (< 0,2) au {stage} : la question distingue mal ceux qui "
                  "maîtrisent le sujet. Reformulez-la ou remplacez-la",
                  "Weak discrimination (< 0.2) in the {stage}: the question barely separates "
                  "those who know the topic. Reword or replace it"),
    "flag_easy": ("Déjà réussie par au moins 95 % des participants avant l'atelier : elle ne "
                  "mesure aucun apprentissage. Remplacez-la par une question plus exigeante",
                  "Already answered correctly by 95% or more of participants before the "
                  "workshop: it measures no learning. Replace it with a harder question"),
    "flag_hard": ("Presque personne ne la réussit après l'atelier (≤ 5 %) : vérifiez la clé et "
                  "si le sujet a bien été enseigné", "Almost nobody got it right after the "
                  "workshop (≤ 5%): check the key and whether the topic was taught"),
    "not_in_roster": ("Absents de la liste des participants", "Not in the roster"),
    # satisfaction
    "satisfaction": ("Satisfaction (niveau 1 de Kirkpatrick)",
                     "Satisfaction (Kirkpatrick level 1)"),
    "no_satisfaction": ("Aucune enquête de satisfaction n'a été fournie pour ce rapport.",
                        "No satisfaction survey was given for this report."),
    "likert_axis": ("% des réponses valides (désaccord à gauche, accord à droite)",
                    "% of valid answers (disagree left, agree right)"),
    "scale": (("Pas du tout d'accord", "Pas d'accord", "Neutre", "D'accord",
               "Tout à fait d'accord"),
              ("Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree")),
    "sessions": ("Appréciation de chaque session", "Rating of each session"),
    "session": ("Session", "Session"),
    "top2": ("Top-2 (d'accord + tout à fait)", "Top-2-box (agree + strongly)"),
    "n_valid": ("n valides", "n valid"), "median": ("Médiane", "Median"),
    "item": ("Énoncé", "Statement"),
    "respondents": ("{n} réponses à l'enquête ; {pct} de l'ensemble des {answers} réponses "
                    "valides aux {k} énoncés sont « d'accord » ou « tout à fait d'accord » "
                    "(ou « satisfait » et « très satisfait »).",
                    "{n} survey responses; {pct} of all {answers} valid answers to the {k} "
                    "statements are agree or strongly agree (or satisfied and very "
                    "satisfied)."),
    "overall_line": ("Satisfaction de l’atelier dans l’ensemble : {pct} des {n} réponses à "
                     "« {item} » sont favorables (4 ou 5 sur 5).",
                     "Satisfaction with the workshop overall: {pct} of the {n} answers to "
                     "“{item}” are favourable (4 or 5 of 5)."),
    "nps": ("Net Promoter Score (« {item} ») : {nps} (promoteurs {pro}, détracteurs {det}, "
            "n = {n}).", "Net Promoter Score (“{item}”): {nps} (promoters {pro}, detractors "
            "{det}, n = {n})."),
    "satisfied_by_sex": ("Satisfaits par sexe", "Satisfied by sex"),
    "satisfied": ("Satisfaits", "Satisfied"),
    "comments": ("Commentaires libres (sélection)", "Open comments (a selection)"),
    "comments_note": ("Commentaires anonymes ; ceux qui contenaient une adresse e-mail ou un "
                      "numéro de téléphone ont été écartés. Commentaires cités : {shown} sur "
                      "{total}.",
                      "Comments are anonymous; those containing an e-mail address or a phone "
                      "number were left out. Comments quoted: {shown} of {total}."),
    "no_comments": ("Aucun commentaire libre.", "No open comment."),
    # annex
    "annex": ("Annexe : méthode et données", "Annex: method and data"),
    "method": ("Méthode", "Method"),
    "m_scores": ("Chaque participant reçoit un score en % des points possibles (une réponse "
                 "vide vaut 0). Seuls les participants appariés entre pré-test et post-test "
                 "entrent dans le calcul du gain.",
                 "Each participant gets a score in % of the points available (a blank answer "
                 "scores 0). Only participants matched between pre- and post-test count in "
                 "the gain."),
    "m_matching": ("Appariement des lignes aux personnes : {files}.",
                   "How rows were matched to people: {files}."),
    "m_match_file": ("{file} par {by}", "{file} by {by}"),
    "by_id": ("code du participant", "participant code"),
    "by_email": ("adresse e-mail", "e-mail address"),
    "by_name": ("nom (sans accents ni ordre des mots)", "name (ignoring accents and word order)"),
    "m_fuzzy": ("{n} par nom approché (listés plus bas)", "{n} by a close name (listed below)"),
    "m_gain": ("Gain moyen en points avec son intervalle de confiance à 95 % (loi de Student), "
               "test t apparié et test de Wilcoxon ; taille d'effet d_z = gain moyen / écart-"
               "type des gains. Gain normalisé de Hake (1998) : (après − avant) / (100 − "
               "avant) sur les moyennes ; bandes de Hake : faible si g < 0,3, moyen si "
               "0,3 ≤ g < 0,7, élevé si g ≥ 0,7 ; un g négatif est une perte. Intervalles : "
               "de Wilson pour les parts, de Feldt pour l’alpha, par la loi de Student non "
               "centrée pour d_z.",
               "Mean gain in points with its 95% confidence interval (Student's t), paired "
               "t-test and Wilcoxon signed-rank test; effect size d_z = mean gain / SD of "
               "gains. Hake's (1998) normalized gain: (post − pre) / (100 − pre) on the means; "
               "Hake's bands: low g < 0.3, medium 0.3 ≤ g < 0.7, high g ≥ 0.7; a negative g is "
               "a loss. Intervals: Wilson's for shares, Feldt's for alpha, the noncentral t "
               "for d_z."),
    "m_extra": ("Changement normalisé c de Marx et Cummings (2007), moyenne des changements "
                "individuels : {c}. Changement fiable (Jacobson et Truax 1991, erreur de "
                "mesure du pré-test) : {rci} des participants progressent au-delà de l'erreur "
                "de mesure.", "Marx & Cummings (2007) normalized change c, the mean of "
                "individual changes: {c}. Reliable change (Jacobson & Truax 1991, with the "
                "pre-test's measurement error): {rci} of participants improved beyond "
                "measurement error."),
    "m_items": ("Par question : test exact de McNemar sur les paires discordantes, p ajustés "
                "par la méthode de Holm ; discrimination = corrélation question–reste du test.",
                "Per question: exact McNemar test on discordant pairs, p adjusted by Holm's "
                "method; discrimination = item-rest correlation."),
    "reliability": ("Fiabilité du test", "Test reliability"),
    "alpha_line": ("{test} : alpha de Cronbach (1951) = {alpha}{ci}, erreur type de mesure = "
                   "{sem} points.", "{test}: Cronbach's (1951) alpha = {alpha}{ci}, standard "
                   "error of measurement = {sem} points."),
    "alpha_line_nosem": ("{test} : alpha de Cronbach (1951) = {alpha}{ci}. Avec un alpha ≤ 0, "
                         "l’erreur type de mesure serait plus grande que l’écart-type des scores "
                         "({sd} points) : elle n’est pas donnée, et le changement fiable n’est "
                         "pas calculé.",
                         "{test}: Cronbach's (1951) alpha = {alpha}{ci}. With an alpha ≤ 0 the "
                         "standard error of measurement would exceed the SD of the scores ({sd} "
                         "points): it is not given, and the reliable change is not computed."),
    "alpha_ci": (" (IC à 95 % de Feldt : {lo} à {hi})", " (Feldt 95% CI {lo} to {hi})"),
    "alpha_low": ("Un alpha inférieur à 0,64 est jugé insuffisant (au-delà de 0,75 : "
                  "satisfaisant). Les tests courts d'atelier (quelques questions sur des sujets "
                  "variés) ont souvent un alpha bas : un score individuel est donc imprécis, "
                  "et seules les moyennes du groupe sont à lire.",
                  "An alpha below 0.64 is judged unsatisfactory (above 0.75: satisfactory). "
                  "Short workshop tests (a few questions on varied topics) often have a low "
                  "alpha: an individual score is imprecise, and only group averages should be "
                  "read."),
    "alpha_ok": ("Un alpha supérieur à 0,75 est jugé satisfaisant.",
                 "An alpha above 0.75 is judged satisfactory."),
    "data": ("Données : lignes écartées et non appariées", "Data: rows left out and unmatched"),
    "rejected": ("Lignes rejetées", "Rejected rows"),
    "duplicates": ("Doublons (la dernière soumission compte)",
                   "Duplicates (the latest submission counts)"),
    "pre_only": ("Pré-test seulement", "Pre-test only"),
    "post_only": ("Post-test seulement", "Post-test only"),
    "fuzzy": ("Appariés par nom approché", "Matched by a close name"),
    "none": ("aucun", "none"), "row": ("ligne", "row"),
    "limits": ("Limites", "Limits"),
    "limits_text": ("Un pré-test et un post-test sans groupe témoin mesurent un changement, pas "
                    "sa cause : avoir déjà vu les questions, l'échange entre participants ou "
                    "d'autres événements peuvent expliquer une part du gain. Les participants "
                    "présents aux deux tests peuvent différer de ceux qui n'en ont passé qu'un. "
                    "Un test de connaissances ne dit rien de l'usage qui en sera fait au "
                    "travail (niveaux 3 et 4 de Kirkpatrick).",
                    "A pre-test and post-test without a control group measure a change, not its "
                    "cause: having seen the questions before, exchanges between participants or "
                    "other events may explain part of the gain. Participants present at both "
                    "tests may differ from those who took only one. A knowledge test says "
                    "nothing about how it will be used at work (Kirkpatrick levels 3 and 4)."),
    "references": ("Références", "References"),
    # portfolio
    "workshops": ("Ateliers", "Workshops"), "workshop": ("Atelier", "Workshop"),
    "pooled": ("Ensemble (tous participants)", "Pooled (all participants)"),
    "pooled_note": ("Les chiffres groupés portent sur l'ensemble des participants appariés de "
                    "tous les ateliers, chacun compté une fois.",
                    "Pooled figures are over every matched participant of every workshop, each "
                    "counted once."),
    "ng": ("Gain normalisé", "Normalized gain"),
    "portfolio_chart": ("Score moyen avant et après, par atelier",
                        "Mean score before and after, by workshop"),
}

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
    """The text for ``key`` in ``lang`` (French or English), with ``values`` filled in."""
    fr, en = _T[key]
    text = fr if lang == "fr" else en
    return text.format(**values) if values and isinstance(text, str) else text
