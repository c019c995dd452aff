import factory

from pingan.org.models import Department, Post, Region, User
from pingan.org.roles import Role


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = "330483"
    name = "桐乡市"
    level = Region.Level.CITY
    parent = None


class TownFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    parent = factory.SubFactory(CityFactory)
    code = factory.Sequence(lambda n: f"330483{n + 200:03d}")
    name = factory.Sequence(lambda n: f"测试镇{n}")
    level = Region.Level.TOWN


class VillageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    parent = factory.SubFactory(TownFactory)
    code = factory.LazyAttributeSequence(lambda o, n: f"{o.parent.code}{n % 900 + 1:03d}")
    name = factory.Sequence(lambda n: f"测试村{n}")
    level = Region.Level.VILLAGE


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    code = factory.Sequence(lambda n: f"dept-{n}")
    name = factory.Sequence(lambda n: f"测试部门{n}")
    kind = Department.Kind.OTHER
    region = factory.SubFactory(CityFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    name = factory.Sequence(lambda n: f"测试{n}")
    phone = factory.Sequence(lambda n: f"139{n:08d}")
    password = factory.PostGenerationMethodCall("set_password", "pingan-test-pw")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    user = factory.SubFactory(UserFactory)
    role = Role.CLERK
    region = factory.SubFactory(TownFactory)
    department = None
