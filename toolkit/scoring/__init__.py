"""Scores, statistics, item analysis and satisfaction (pure functions; pandas/numpy/scipy).

points.py (points per participant × item), stats.py (test and item statistics, distractors),
gain.py (pre/post on matched participants), breakdown.py (groups, module sub-scores),
result.py (ScoreResult and its JSON contract), run.py (`workshop score`), likert.py and
satisfaction.py (satisfaction surveys). Nothing is imported here, so that importing the
package stays cheap.
"""
