"""Events (活动): planning, registrations and quotas, seat plans, speed-dating rotations, printed
materials and the attendee export. Pure Python (no Qt); business rules in
shared/design/domain.md ("Events", "Print and venue", "Privacy").

Modules (import the module you need; this package imports nothing on purpose)
- codes.py      EventKind, EventStatus, RegistrationSource, RegistrationStatus, CancelReason,
                Ineligibility, NameStyle; EVENT_TRANSITIONS, REGISTRATION_TRANSITIONS,
                PLANNING_STATUSES, WALK_IN_STATUSES, PLACE_HOLDING, ON_LIST
- models.py     Event, EventRegistration (sync entity "registration"), EventTable, EventSeat,
                EventRotation, with their sync merge classes
- dto.py        EventDraft, AgeBandInfo (in); EventInfo, EventRow, CalendarMonthInfo,
                RegistrationInfo/Row, EligibilityRow, InviteResultInfo, CancelResultInfo,
                QuotaBalanceInfo/QuotaCellRow, SeatPlanStateInfo, SeatEditInfo, SeatChangeRow,
                SeatingRunInfo, SeatTableRow, SeatGuestRow, RotationViewInfo, PrintPreflightInfo,
                EventPrintInfo, ExportInfo (out)
- service.py    events and registrations (writer thread, caller's unit of work)
- queries.py    reads for the screens (any thread with its own session)
- seatplans.py  tables, plan edits, optimiser run, speed-dating rotations
- prints.py     badges, tents, seat chart, sign-in sheet, cards, preflight, calibration page
- export.py     attendee list to xlsx
- seed.py       demo events (`xzdesk seed --events N`)
- sync_hooks.py what the sync layer registers for these entities

Public API (keyword-only after the first argument; `uow` = UnitOfWork, `s` = Session)

Events                                                           permission events.manage
  service.create_event(uow, *, draft: EventDraft) -> EventInfo             (status draft)
  service.update_event(uow, *, event_id, changes: dict, base_version=None) -> EventInfo
  service.change_event_status(uow, *, event_id, status) -> EventInfo       (cancel cancels regs)
  service.delete_event(uow, *, event_id) -> None                           (empty drafts only)
  service.draft_from_event(event) / validate_event_draft(draft) -> (values, problems)
  queries.event_info(s, event_id) -> EventInfo
  queries.list_events(s, *, flt: EventFilter | None = None, newest_first=False) -> list[EventRow]
  queries.month_calendar(s, *, year, month, flt=None) -> CalendarMonthInfo (every day of the month)
  queries.find_event(s, id_or_code) -> Event

Registrations                      events.manage (walk-ins, attendance: also checkin.record)
  service.invite_members(uow, *, event_id, member_ids, approve=True, remark=None) -> InviteResultInfo
  service.submit_registration(uow, *, event_id, member_id, source="online", remark=None) -> RegistrationInfo
  service.approve_registration(uow, *, registration_id, waitlist_if_full=False) -> RegistrationInfo
  service.approve_pending(uow, *, event_id) -> InviteResultInfo
  service.waitlist_registration(uow, *, registration_id) -> RegistrationInfo
  service.cancel_registration(uow, *, registration_id, reason=CancelReason.MEMBER_REQUEST,
                              promote=True) -> CancelResultInfo        (promotes the waiting list)
  service.reopen_registration(uow, *, registration_id) -> RegistrationInfo
  service.promote_waitlist(uow, *, event_id) -> tuple[RegistrationInfo, ...]
  service.register_walk_in(uow, *, event_id, member_id, attended=True, over_quota=False) -> RegistrationInfo
  service.mark_attended(uow, *, registration_id, at=None) -> RegistrationInfo
  service.record_no_shows(uow, *, event_id) -> NoShowResultInfo           (event held)
  service.ensure_tokens(uow, *, event_id) -> int
  queries.list_registrations(s, *, event_id, statuses=(), sex=None, text=None) -> list[RegistrationRow]
  queries.registration_info(s, registration_id) -> RegistrationInfo
  queries.registration_for_member(s, *, event_id, member_id) -> RegistrationInfo | None
  queries.quota_balance(s, *, event_id) -> QuotaBalanceInfo
  queries.check_eligibility(s, *, event_id, member_ids) -> list[EligibilityRow]   (invitation UI)
  queries.event_token_key(s, event_id) -> bytes; queries.registration_by_token(s, *, event_id, token)

Seat plans and rotations                                          events.manage
  seatplans.seat_plan_state(s, *, event_id) -> SeatPlanStateInfo   (feed SeatPlanScorer for drags)
  seatplans.seat_plan_score(s, *, event_id) -> SeatEditInfo
  seatplans.add_tables(uow, *, event_id, count=1, shape="round", capacity=10, labels=None, columns=None)
  seatplans.add_table(uow, *, event_id, shape, capacity, label=None, x=None, y=None) -> SeatTableRow
  seatplans.update_table(uow, *, table_id, changes) -> SeatTableRow     (TABLE_FIELDS)
  seatplans.remove_table(uow, *, table_id) -> None
  seatplans.move_guest(uow, *, registration_id, seat: SeatRef | None) -> SeatEditInfo   (swap if taken)
  seatplans.swap_guests(uow, *, registration_a, registration_b) -> SeatEditInfo
  seatplans.set_seat_locked(uow, *, table_id, seat_index, locked) -> SeatEditInfo
  seatplans.pin_guest(uow, *, registration_id, pinned=True) -> SeatEditInfo
  seatplans.set_friend_group(uow, *, registration_ids) -> str; clear_friend_group(uow, *, registration_ids)
  seatplans.clear_seat_plan(uow, *, event_id) -> int
  seatplans.solve_seat_plan(state, *, seed=0, time_budget_s=10, max_iterations=None, progress, cancel,
                            stop) -> SeatingResultInfo   (pure: run off the writer thread)
  seatplans.save_seat_plan(uow, *, event_id, plan, fingerprint=None) -> int
  seatplans.optimise_seat_plan(uow, *, event_id, ...) -> SeatingRunInfo   (the three in one call)
  seatplans.generate_rotation(uow, *, event_id, settings=DEFAULT_ROTATION, seated_sex=2) -> RotationViewInfo
  seatplans.rotation_view(s, *, event_id) -> RotationViewInfo | None

Printing and export                 prints: events.manage or checkin.record; export: events.manage
  prints.preflight(s, *, event_id, document, name_style="surname") -> PrintPreflightInfo
  prints.print_badges(uow, *, event_id, out, preset="a4-10up", calibration=NO_CALIBRATION,
                      name_style="surname", registration_ids=None, only_unprinted=False,
                      cut_marks=False, outlines=False, progress, cancel) -> EventPrintInfo
  prints.print_table_tents / print_seat_chart(page_size="A4") / print_sign_in_sheet /
         print_speed_dating_cards(uow, *, event_id, out, progress, cancel) -> EventPrintInfo
  prints.print_calibration(out, *, preset, calibration) -> EventPrintInfo
  prints.PRINTERS: {"badges", "tents", "seat-chart", "sign-in", "cards"} -> function
  export.export_attendees(uow, *, event_id, out, statuses=PLACE_HOLDING, unmasked=False,
                          reason=None) -> ExportInfo

Errors are XzError codes with params (never personal data): events.* (see each module's
docstring), seating.*, printing.*, validation.failed with FieldProblems, auth.permission_denied.
`uow.mark` gets `Area.EVENTS` (registrations, events) or `Area.SEATING` (tables, plans, rotations).
"""
