"""The pages of item proposals (punktforslag): "Mine punkter", a new proposal, and a proposal's page with
its texts, attachments, comments, the actions its viewer may take now, and its audit trail.

The pages only read; every change goes through proposals.services, which refuses the wrong user
(PermissionDenied: 403) and the wrong state (ValidationError: the page again, with the message, 422).
Each change answers htmx with the proposal's part of the page and a plain form post with a redirect
back to the page, so everything works without JavaScript. Returning, placing and removing an attachment
are confirmed first: by htmx's question, or without JavaScript on a page of their own."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kkr.access import (
    ProposalAccess,
    council_access,
    proposal_access,
    secretary_council_access,
    secretary_meeting_access,
    visible_proposals,
)
from kkr.models import AuditEntry, Council
from proposals import services
from proposals.forms import (
    ApproveForm,
    CommentForm,
    DeadlineForm,
    IntakeSettingsForm,
    PlaceForm,
    ProposalForm,
    ReturnForm,
    RoleForm,
    UploadForm,
)
from proposals.models import CouncilRole, IntakeSettings, MeetingDeadline, Proposal, ProposalAttachment
from proposals.templatetags.intake import meeting_intake

DETAIL = "proposals/detail.html"
State = Proposal.State


# "Mine punkter"


@login_required
@require_GET
def mine(request):
    """The user's own proposals by state with their path to the decision ("sagens gang"); for reviewers
    what waits for their step; for the secretariat the council's proposals (decisions to follow up).
    A user in several councils filters by council."""
    roles = _intake_roles(request.user)
    councils = sorted(roles, key=lambda c: c.name)
    chosen = next((c for c in councils if c.slug == request.GET.get("raad")), None)
    proposals = visible_proposals(request.user)
    if chosen is not None:
        proposals = proposals.filter(council=chosen)
    paths = services.proposal_paths(proposals)
    deadlines = _deadlines({path.meeting.pk for path in paths if path.meeting is not None})
    rows = [_Row(path, deadlines.get(path.meeting.pk) if path.meeting else None) for path in paths]
    mine_rows = [row for row in rows if row.proposal.handler_id == request.user.pk]
    awaiting = [
        row
        for row in rows
        if row.proposal.state == State.SUBMITTED
        and row.proposal.handler_id != request.user.pk
        and row.proposal.review_step in roles.get(row.proposal.council, _NONE).steps
    ]
    council_rows = [
        row
        for row in rows
        if row.proposal.handler_id != request.user.pk and roles.get(row.proposal.council, _NONE).is_secretary
    ]
    context = {
        "councils": councils,
        "chosen": chosen,
        "mine": _by_state(mine_rows),
        "awaiting": awaiting,
        "council_rows": _by_state(council_rows),
        "is_handler": any(r.is_handler for r in roles.values()),
        "handler_councils": [c for c in councils if roles[c].is_handler],
        "secretary_councils": [c for c in councils if roles[c].is_secretary],
        "is_reviewer": any(r.steps for r in roles.values()),
        "is_secretary": any(r.is_secretary for r in roles.values()),
    }
    template = "proposals/mine.html#lists" if request.htmx else "proposals/mine.html"
    return render(request, template, context)


class _CouncilRoles:
    def __init__(self):
        self.is_handler, self.is_secretary, self.steps = False, False, set()


_NONE = _CouncilRoles()


def _intake_roles(user) -> dict[Council, _CouncilRoles]:
    """{council: the user's roles in its intake}, in two queries."""
    roles = {}
    for grant in CouncilRole.objects.filter(user=user.pk).select_related("council"):
        entry = roles.setdefault(grant.council, _CouncilRoles())
        if grant.role == CouncilRole.Role.HANDLER:
            entry.is_handler = True
        else:
            entry.steps.add(grant.step)
    secretariats = Council.objects.all() if user.is_superuser else Council.objects.filter(secretariat=user.pk)
    for council in secretariats:
        roles.setdefault(council, _CouncilRoles()).is_secretary = True
    return roles


def _deadlines(meeting_ids) -> dict[int, MeetingDeadline]:
    if not meeting_ids:
        return {}
    return {d.meeting_id: d for d in MeetingDeadline.objects.filter(meeting__in=meeting_ids)}


class _Row:
    """A proposal as the lists show it: its path and the deadline of the meeting it is aimed at."""

    def __init__(self, path, deadline):
        self.path, self.proposal, self.deadline = path, path.proposal, deadline


def _by_state(rows):
    return [
        (value, label, group)
        for value, label in State.choices
        if (group := [row for row in rows if row.proposal.state == value])
    ]


# A new proposal


@require_http_methods(["GET", "POST"])
@login_required
def create(request, council_slug):
    council = council_access(request.user, council_slug).council
    if services.handler_role(council, request.user) is None:
        raise PermissionDenied
    form = ProposalForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.PROPOSAL_FIELDS}
        try:
            proposal = services.create_proposal(council, request.user, **fields)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Punktforslaget er oprettet som kladde."))
            return redirect(proposal)
    status = 422 if form.is_bound else 200
    return render(request, "proposals/new.html", {"council": council, "form": form}, status=status)


def _add_errors(form, error):
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


# A proposal's page


@require_GET
@login_required
def detail(request, proposal_id):
    """The proposal, for its handler, the council's reviewers and secretariat (404 to everyone else)."""
    access = proposal_access(request.user, proposal_id)
    return _page(request, access)


def _context(access: ProposalAccess, **parts):
    proposal = access.proposal
    target = services.target_meeting(proposal)
    context = {
        "access": access,
        "proposal": proposal,
        "target": target,
        "deadline": services.deadline_for(target) if target else None,
        "attachments": proposal.attachments.order_by("position"),
        "comments": proposal.comments.select_related("author"),
        "trail": AuditEntry.objects.filter(area=AuditEntry.Area.PROPOSAL, proposal_id=proposal.pk)
        .select_related("user")
        .order_by("-at", "-pk"),
        "comment_form": CommentForm(),
        "return_form": ReturnForm(),
        "approve_form": ApproveForm(),
        "upload_form": UploadForm(),
        **parts,
    }
    if access.may_edit and "form" not in context:
        context["form"] = ProposalForm(instance=proposal, council=proposal.council)
    if access.may_place and "place_form" not in context:
        context["place_form"] = PlaceForm(proposal=proposal)
    return context


def _page(request, access, status=200, **parts):
    """The proposal's page, or for htmx its part that changes."""
    template = f"{DETAIL}#proposal" if request.htmx else DETAIL
    return render(request, template, _context(access, **parts), status=status)


def _done(request, proposal_id, message):
    """After a change: the page again (htmx: its part, with the message), or a redirect to it."""
    access = proposal_access(request.user, proposal_id)
    if request.htmx:
        return _page(request, access, notice=message)
    messages.success(request, message)
    return HttpResponseRedirect(access.proposal.get_absolute_url())


def _refused(request, proposal_id, error, **parts):
    """A change the service refused for the proposal's state: the page with the reason (422)."""
    access = proposal_access(request.user, proposal_id)
    return _page(request, access, status=422, error=" ".join(error.messages), **parts)


def _not_editable(proposal):
    return ValidationError(
        _("Punktforslaget kan ikke ændres nu (det er %(state)s).") % {"state": proposal.get_state_display()}
    )


@require_POST
@login_required
def save(request, proposal_id):
    access = proposal_access(request.user, proposal_id)
    proposal = access.proposal
    if not access.may_edit:
        return _refused(request, proposal_id, _not_editable(proposal))
    # A copy: a refused form writes what was typed onto its instance.
    form = ProposalForm(request.POST, instance=Proposal.objects.get(pk=proposal.pk), council=proposal.council)
    if not form.is_valid():
        return _page(request, access, status=422, form=form)
    fields = {name: form.cleaned_data[name] for name in services.PROPOSAL_FIELDS}
    try:
        services.update_proposal(
            proposal, by=request.user, revision=form.cleaned_data["revision"] or 0, **fields
        )
    except services.ProposalConflict as conflict:
        current = conflict.current
        form = ProposalForm(
            instance=current, council=proposal.council, initial={**fields, "revision": current.revision}
        )
        access = proposal_access(request.user, proposal_id)
        return _page(request, access, status=409, form=form, conflict=True)
    except ValidationError as error:
        _add_errors(form, error)
        return _page(request, access, status=422, form=form)
    return _done(request, proposal_id, _("Punktforslaget er gemt."))


@require_POST
@login_required
def upload(request, proposal_id):
    access = proposal_access(request.user, proposal_id)
    if not access.may_edit:
        return _refused(request, proposal_id, _not_editable(access.proposal))
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        title = form.cleaned_data["title"].strip() or upload.name.rsplit(".", 1)[0].replace("_", " ").strip()
        try:
            services.add_attachment(
                access.proposal,
                (title or _("Bilag"))[:300],
                upload.read(),
                by=request.user,
                is_closed=form.cleaned_data["is_closed"],
            )
        except ValidationError as error:
            form.add_error("file", error)
    if form.errors:
        return _page(request, access, status=422, upload_form=form)
    return _done(request, proposal_id, _("Bilaget er tilføjet."))


@require_GET
@login_required
def attachment(request, proposal_id, attachment_id):
    access = proposal_access(request.user, proposal_id)
    found = get_object_or_404(ProposalAttachment, pk=attachment_id, proposal=access.proposal)
    try:
        handle = found.file.open("rb")
    except FileNotFoundError:
        raise Http404("Bilagets fil mangler.") from None
    return FileResponse(handle, content_type="application/pdf", filename=f"{found.title}.pdf")


@require_http_methods(["GET", "POST"])
@login_required
def remove_attachment(request, proposal_id, attachment_id):
    access = proposal_access(request.user, proposal_id)
    found = get_object_or_404(ProposalAttachment, pk=attachment_id, proposal=access.proposal)
    if request.method == "GET" or not request.POST.get("confirmed"):
        if not access.may_edit:
            raise PermissionDenied
        return _confirm(
            request,
            access,
            _("Fjern bilaget %(title)s fra punktforslaget?") % {"title": found.title},
            _("Ja, fjern bilaget"),
        )
    try:
        services.remove_attachment(found, by=request.user)
    except ValidationError as error:
        return _refused(request, proposal_id, error)
    return _done(request, proposal_id, _("Bilaget er fjernet."))


def _confirm(request, access, question, button, form=None, fields=()):
    """The confirmation step without JavaScript: the question, what was sent, and a button."""
    context = {
        "kicker": _("Punktforslag: %(title)s") % {"title": access.proposal.title},
        "back_url": access.proposal.get_absolute_url(),
        "question": question,
        "button": button,
        "form": form,
        "fields": fields,
        "action": request.path,
    }
    return render(request, "proposals/confirm.html", context)


@require_POST
@login_required
def comment(request, proposal_id):
    access = proposal_access(request.user, proposal_id)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _page(request, access, status=422, comment_form=form)
    services.add_comment(access.proposal, form.cleaned_data["text"], by=request.user)
    return _done(request, proposal_id, _("Kommentaren er skrevet."))


@require_POST
@login_required
def submit(request, proposal_id):
    access = proposal_access(request.user, proposal_id)
    try:
        proposal = services.submit(access.proposal, by=request.user)
    except ValidationError as error:
        return _refused(request, proposal_id, error)
    if proposal.is_late:
        message = _("Punktforslaget er indsendt efter fristen. Sekretariatet skal acceptere det.")
    else:
        message = _("Punktforslaget er indsendt.")
    return _done(request, proposal_id, message)


@require_POST
@login_required
def return_proposal(request, proposal_id):
    access = proposal_access(request.user, proposal_id)
    try:
        _check_review(request, access)
    except ValidationError as error:
        return _refused(request, proposal_id, error)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        return _page(request, access, status=422, return_form=form)
    if not request.POST.get("confirmed"):
        return _confirm(
            request,
            access,
            _("Send punktforslaget retur til sagsbehandleren med din kommentar?"),
            _("Ja, send retur"),
            form=form,
            fields=[("comment", form.cleaned_data["comment"])],
        )
    try:
        services.return_proposal(access.proposal, form.cleaned_data["comment"], by=request.user)
    except ValidationError as error:
        return _refused(request, proposal_id, error)
    return _done(request, proposal_id, _("Punktforslaget er sendt retur til sagsbehandleren."))


def _check_review(request, access):
    """As services.return_proposal refuses, before its confirmation step: the wrong state with the
    reason, the wrong user with 403."""
    proposal = access.proposal
    if proposal.state != State.SUBMITTED:
        raise ValidationError(
            _("Punktforslaget venter ikke på godkendelse (det er %(state)s).")
            % {"state": proposal.get_state_display()}
        )
    if not access.may_review:
        raise PermissionDenied


@require_POST
@login_required
def approve(request, proposal_id):
    access = proposal_access(request.user, proposal_id)
    form = ApproveForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    try:
        proposal = services.approve(access.proposal, by=request.user, comment=comment)
    except ValidationError as error:
        return _refused(request, proposal_id, error)
    if proposal.state == State.APPROVED:
        message = _("Punktforslaget er godkendt. Sekretariatet kan nu sætte det på en dagsorden.")
    else:
        message = _("Punktforslaget er godkendt på trin %(step)s.") % {"step": proposal.review_step - 1}
    return _done(request, proposal_id, message)


@require_POST
@login_required
def accept_late(request, proposal_id):
    access = proposal_access(request.user, proposal_id)
    try:
        services.accept_late(access.proposal, by=request.user)
    except ValidationError as error:
        return _refused(request, proposal_id, error)
    return _done(request, proposal_id, _("Det sent indsendte punktforslag er accepteret."))


@require_POST
@login_required
def place(request, proposal_id):
    access = proposal_access(request.user, proposal_id)
    proposal = access.proposal
    if not access.is_secretary:
        raise PermissionDenied
    if not access.may_place:
        return _refused(
            request, proposal_id, ValidationError(_("Punktforslaget kan ikke sættes på dagsordenen nu."))
        )
    form = PlaceForm(request.POST, proposal=proposal)
    if not form.is_valid():
        return _page(request, access, status=422, place_form=form)
    section = form.cleaned_data["section"]
    if not request.POST.get("confirmed"):
        where = f"{section.meeting.date:%d-%m-%Y}, {section.position}. {section.title}"
        return _confirm(
            request,
            access,
            _("Sæt punktforslaget på dagsordenen til mødet %(where)s?") % {"where": where},
            _("Ja, sæt det på dagsordenen"),
            fields=[("section", section.pk)],
        )
    try:
        placed = services.place(proposal, by=request.user, meeting=section.meeting, section=section)
    except ValidationError as error:
        _add_errors(form, error)
        return _page(request, access, status=422, place_form=form)
    edit_url = reverse("agendas:edit", args=[proposal.council.slug, section.meeting.date])
    message = _("Punktforslaget er sat på dagsordenen som punkt %(number)s.") % {"number": placed.item.number}
    if request.htmx:
        return _page(request, proposal_access(request.user, proposal_id), notice=message, edit_url=edit_url)
    messages.success(request, message)
    return HttpResponseRedirect(access.proposal.get_absolute_url())


# The meeting's deadline, from the block "Punktforslag" on the secretariat's edit page of the meeting


@require_POST
def deadline(request, council_slug, date):
    """Move the meeting's submission deadline (the secretariat). Without JavaScript back to the edit page,
    or a refusal on a page of its own; htmx swaps the block."""
    meeting = secretary_meeting_access(request.user, council_slug, date).meeting
    form = DeadlineForm(request.POST)
    if form.is_valid():
        try:
            services.set_deadline(
                meeting,
                by=request.user,
                deadline=form.cleaned_data["deadline"],
                warning_days=form.cleaned_data["warning_days"],
            )
        except ValidationError as error:
            _add_errors(form, error)
    if form.errors:
        context = meeting_intake(meeting, form)
        template = "proposals/_meeting_intake.html" if request.htmx else "proposals/deadline.html"
        return render(request, template, context, status=422)
    if request.htmx:
        return render(request, "proposals/_meeting_intake.html", {**meeting_intake(meeting), "saved": True})
    messages.success(request, _("Fristen for punkter er gemt."))
    edit_url = reverse("agendas:edit", args=[meeting.council.slug, meeting.date])
    return HttpResponseRedirect(f"{edit_url}#punktforslag")


# The council's intake: roles and settings (the secretariat)


def _roles_page(request, council, status=200, **forms):
    context = {
        "council": council,
        "grants": CouncilRole.objects.filter(council=council).select_related("user"),
        "role_form": forms.get("role_form") or RoleForm(),
        "settings_form": forms.get("settings_form")
        or IntakeSettingsForm(instance=services.settings_for(council)),
    }
    return render(request, "proposals/roles.html", context, status=status)


@require_http_methods(["GET", "POST"])
def roles(request, council_slug):
    """Case handlers and reviewers of the council, a form to grant a role, and the intake settings."""
    council = secretary_council_access(request.user, council_slug).council
    if request.method == "GET":
        return _roles_page(request, council)
    form = RoleForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.grant_role(
                council,
                data["user"],
                data["role"],
                by=request.user,
                step=data["step"],
                initials=data["initials"],
            )
        except ValidationError as error:
            _add_errors(form, error)
    if form.errors:
        return _roles_page(request, council, status=422, role_form=form)
    messages.success(request, _("Rollen er givet."))
    return redirect("proposals:roles", council.slug)


@require_http_methods(["GET", "POST"])
def revoke_role(request, council_slug, role_id):
    council = secretary_council_access(request.user, council_slug).council
    grant = get_object_or_404(
        CouncilRole.objects.select_related("user", "council"), pk=role_id, council=council
    )
    if request.method == "GET" or not request.POST.get("confirmed"):
        context = {
            "council": council,
            "question": _("Fjern rollen %(role)s?") % {"role": grant},
            "button": _("Ja, fjern rollen"),
            "action": request.path,
            "back_url": reverse("proposals:roles", args=[council.slug]),
            "kicker": _("Roller og frister for punktforslag – %(council)s") % {"council": council.name},
        }
        return render(request, "proposals/confirm.html", context)
    services.revoke_role(grant, by=request.user)
    messages.success(request, _("Rollen er fjernet."))
    return redirect("proposals:roles", council.slug)


@require_POST
def intake_settings(request, council_slug):
    council = secretary_council_access(request.user, council_slug).council
    form = IntakeSettingsForm(request.POST, instance=IntakeSettings(council=council))
    if form.is_valid():
        try:
            services.update_settings(council, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
    if form.errors:
        return _roles_page(request, council, status=422, settings_form=form)
    messages.success(request, _("Indstillingerne er gemt."))
    return redirect("proposals:roles", council.slug)
