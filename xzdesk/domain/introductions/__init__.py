"""Introductions (牵线): the pipeline from a proposal to an outcome, blocks, slips, the board.

Modules (import from them directly):

- models.py   Introduction (state machine, one row per pair), PairBlock, MatchSetting,
              MatchModelRecord; Stage, TRANSITIONS, UNDO_TRANSITIONS (a decline undone),
              DeclineReason, validate_transition (for sync)
- service.py  check_pair, propose_introduction, propose_introductions (batch),
              create_from_mutual_interest (events), record_response (a decline with its
              reason), undo_decline (within UNDO_DECLINE_WINDOW), exchange_contacts,
              reveal_contacts, record_meeting, record_outcome, withdraw_introduction,
              block_pair, lift_block, introduction_info
- queries.py  list_introductions (the board, with each row's other live introductions),
              board_columns, member_history, profile_cards, live_introductions,
              open_proposal_counts, introduced_pairs, blocked_pairs
- slips.py    build_introduction_slips, print_introduction_slips_for (PDF via printing)
- dto.py      the frozen views all of the above return

The matcher's database wiring (profiles, MatchIndex, weights, fitted models) lives in
xzdesk.domain.matching.queries and xzdesk.domain.matching.index.
"""
