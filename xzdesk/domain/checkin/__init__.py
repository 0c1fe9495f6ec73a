"""Venue check-in (签到), walk-ins, venue packs, interest cards (心动卡) and mutual matches.

Public API (see each module's docstring for contracts):

- service.py   record_scan, check_in_registration, annul_scan, register_walk_in,
               print_walk_in_badge, set_station, publish_roster, reconcile_event
- cards.py     enter_interest_card, void_interest_card, current_cards
- matches.py   mutual_pairs (pure), mutual_matches, result_slips, print_result_slips_for_event,
               create_event_introductions, interest_labels (labels for the matching model),
               event_summary
- packs.py     export_event_pack, export_return_pack, import_pack, read_pack_header, new_passphrase
- queries.py   counts, search_roster, recent_scans, last_checkin, venue_events, roster_row
- qrscan.py    decode_qr (camera frames -> canonical tokens, via zxing-cpp)
"""
