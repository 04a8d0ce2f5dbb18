import pytest

from bawaba.accounts.tests.factories import OrganisationFactory
from bawaba.catalogue.tests.factories import AudienceFactory, CategoryFactory, ServiceFactory


@pytest.fixture
def catalogue(db):
    """A small catalogue with the spelling traps of real searches."""
    interior = OrganisationFactory.create(
        slug="ministry-of-interior", name_en="Ministry of Interior", name_ar="وزارة الداخلية"
    )
    npra = OrganisationFactory.create(
        slug="npra",
        name_en="Nationality, Passports and Residence Affairs",
        name_ar="شؤون الجنسية والجوازات والإقامة",
    )
    bank = OrganisationFactory.create(
        slug="gulf-pearl-bank",
        kind="private",
        name_en="Gulf Pearl Bank",
        name_ar="بنك لؤلؤة الخليج",
    )
    visitors = AudienceFactory.create(slug="visitors", name_en="Visitors", name_ar="الزوار")
    citizens = AudienceFactory.create()
    banking = CategoryFactory.create(
        slug="banking", name_en="Banking and insurance", name_ar="الخدمات المصرفية والتأمين"
    )
    services = {
        "visa": ServiceFactory.create(
            slug="electronic-visa",
            provider=npra,
            title_en="Electronic visa for visitors",
            title_ar="التأشيرة الإلكترونية للزوار",
            keywords_ar="فيزا\nتأشيرة سياحية",
            keywords_en="e-visa\nevisa\ntourist visa",
            audiences=[visitors],
            popularity=40000,
        ),
        "passport": ServiceFactory.create(
            slug="renew-passport",
            provider=npra,
            title_en="Renew your passport",
            title_ar="تجديد جواز السفر",
            keywords_ar="باسبورت\nجواز",
            keywords_en="passport renewal",
            audiences=[citizens],
            popularity=30000,
        ),
        "residence": ServiceFactory.create(
            slug="renew-residence-permit",
            provider=npra,
            title_en="Renew a residence permit",
            title_ar="تجديد تصريح الإقامة",
            keywords_ar="إقامة\nتجديد الاقامة",
            keywords_en="residency\nRP",
            popularity=20000,
        ),
        "conduct": ServiceFactory.create(
            slug="certificate-of-good-conduct",
            provider=interior,
            title_en="Certificate of good conduct",
            title_ar="شهادة حسن السيرة والسلوك",
            keywords_ar="شهادة عدم محكومية",
            keywords_en="police clearance",
            online=False,
            online_url="",
            popularity=9000,
        ),
        "loan": ServiceFactory.create(
            slug="personal-loan",
            provider=bank,
            title_en="Personal loan",
            title_ar="قرض شخصي",
            keywords_ar="سلفة\nتمويل",
            keywords_en="finance\nborrow",
            categories=[banking],
            popularity=500,
        ),
        "hidden": ServiceFactory.create(
            slug="draft-service",
            provider=interior,
            title_en="Passport draft service",
            title_ar="خدمة جواز غير منشورة",
            is_published=False,
        ),
    }
    return services
