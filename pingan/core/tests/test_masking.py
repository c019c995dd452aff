from pingan.core.masking import mask_address, mask_id_number, mask_name, mask_phone


def test_phone_keeps_prefix_and_last_four():
    assert mask_phone("13857305678") == "138****5678"
    assert mask_phone("") == ""


def test_id_number_keeps_region_and_last_four():
    assert mask_id_number("330483199001011234") == "3304**********1234"


def test_names_hide_the_middle():
    assert mask_name("张三丰") == "张*丰"
    assert mask_name("李四") == "李*"
    assert mask_name("欧阳娜娜") == "欧**娜"


def test_address_keeps_only_the_area():
    assert mask_address("梧桐街道金域兰庭3幢2单元501室") == "梧桐街道金域****"
