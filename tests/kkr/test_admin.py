import pytest
from django.contrib import admin
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client, django_user_model):
    call_command("load_demo", stdout=None)
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(user)
    return client


def test_every_model_has_a_danish_admin_with_list_add_and_change_pages(superuser_client):
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in {"kkr", "agendas"}:
            continue
        info = (model._meta.app_label, model._meta.model_name)
        changelist = superuser_client.get("/admin/{}/{}/".format(*info), {"q": "Nordjylland"})
        assert changelist.status_code == 200, info
        add = superuser_client.get("/admin/{}/{}/add/".format(*info))
        assert add.status_code == (200 if model_admin.has_add_permission(add.wsgi_request) else 403), info
        if obj := model.objects.first():
            change = superuser_client.get(f"/admin/{info[0]}/{info[1]}/{obj.pk}/change/")
            assert change.status_code == 200, info
    assert "Møder og dagsordener" in superuser_client.get("/admin/").content.decode()


def test_a_council_cannot_take_an_address_the_portal_uses(superuser_client):
    response = superuser_client.post("/admin/kkr/council/add/", {"name": "Søg", "slug": "soeg"})
    assert response.status_code == 200
    assert "Kortnavnet soeg bruges af portalen selv." in response.content.decode()
