"""Venue check-in (签到), walk-ins, venue packs, interest cards (心动卡) and mutual matches.

Public API (see each module's docstring for contracts; services take a UnitOfWork, reads a
Session):

- service.py    record_scan, check_in_registration, confirm_attendance, annul_scan, register_walk_in,
                print_venue_badge, set_station, publish_roster, reconcile_event,
                registration_aliases
- cards.py      enter_interest_card, void_interest_card, current_cards, card_rows, card_for,
                card_progress, card_owner, cards_aside (cards of people not present)
- matches.py    mutual_pairs (pure), mutual_matches, result_slips, print_result_slips_for_event,
                create_event_introductions, interest_labels (labels for the matching model; the
                module registers them with matching.queries as "checkin.interest_cards"),
                event_summary
- packs.py      export_event_pack, export_return_pack, import_pack, read_pack_header,
                read_pack_file, write_pack, new_passphrase
- queries.py    counts, search_roster, roster, recent_scans, last_undoable, in_force, arrivals,
                present, venue_events, default_event, station_of, pending_walk_ins, event_code,
                pack_history
- qrscan.py     decode_qr (camera frames -> QR texts, via zxing-cpp), FrameDeduper
- roster.py     the venue roster follows the registrations (flush hooks, installed on import
                of this package: approve, cancel, waiting list, plates, seats and names update
                it in the same transaction), refresh_rows, missing_rows
- sync_hooks.py what the sync layer registers (walk-in scope resolver, conflict editors)
"""

from xzdesk.domain.checkin import roster as _roster

_roster.install()
