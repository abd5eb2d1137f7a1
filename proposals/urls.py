from django.urls import path

from proposals import views

app_name = "proposals"

proposal = "punktforslag/<int:proposal_id>/"

urlpatterns = [
    path("punktforslag/", views.mine, name="mine"),
    path("punktforslag/nyt/<slug:council_slug>/", views.create, name="create"),
    path(proposal, views.detail, name="detail"),
    path(proposal + "gem/", views.save, name="save"),
    path(proposal + "bilag/", views.upload, name="upload"),
    path(proposal + "bilag/<int:attachment_id>/", views.attachment, name="attachment"),
    path(proposal + "bilag/<int:attachment_id>/fjern/", views.remove_attachment, name="remove_attachment"),
    path(proposal + "kommentar/", views.comment, name="comment"),
    path(proposal + "indsend/", views.submit, name="submit"),
    path(proposal + "returner/", views.return_proposal, name="return"),
    path(proposal + "godkend/", views.approve, name="approve"),
    path(proposal + "accepter-sent/", views.accept_late, name="accept_late"),
    path(proposal + "placer/", views.place, name="place"),
    # The council's intake (the secretariat): roles and settings.
    path("<slug:council_slug>/roller/", views.roles, name="roles"),
    path("<slug:council_slug>/roller/<int:role_id>/fjern/", views.revoke_role, name="revoke_role"),
    path("<slug:council_slug>/roller/indstillinger/", views.intake_settings, name="intake_settings"),
    # On the meeting's edit page (the secretariat's): its deadline for proposals.
    path("<slug:council_slug>/<isodate:date>/rediger/frist/", views.deadline, name="deadline"),
]
