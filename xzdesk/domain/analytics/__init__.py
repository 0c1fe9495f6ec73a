"""Event analytics and scheduling suggestions: the second half of the online ⇄ offline loop
(issue 12). Reads of what past events brought (queries.py), an explainable predictor of turnout
and mutual matches fitted on them with its back-test (predict.py), the suggestions built on it
(suggest.py), and the one write: a suggested event as a draft with its invitations (service.py).
"""
