"""Scores, statistics, item analysis and satisfaction (pure functions; pandas/numpy/scipy).

points.py (points per participant × item), stats.py (test and item statistics, distractors),
gain.py (pre/post on matched participants), breakdown.py (groups, module sub-scores),
pooled.py (a portfolio's figures from running sums), result.py (ScoreResult and every typed
part of it, its JSON contract and DataFrames; no numpy, so renderers may import it), run.py
(`workshop score`), likert.py and satisfaction.py (satisfaction surveys). Nothing is imported here,
so that importing the
package stays cheap.
"""
