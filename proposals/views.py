from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kkr.access import proposal_access


@require_GET
@login_required
def detail(request, proposal_id):
    """The proposal, for its handler, the council's reviewers and secretariat (404 to everyone else)."""
    access = proposal_access(request.user, proposal_id)
    return render(request, "proposals/detail.html", {"access": access, "proposal": access.proposal})
