"""recaps.photos: sizes, formats, orientation, colours, metadata stripped, bad files refused."""
from __future__ import annotations

import io
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from recaps import photos
from recaps.photos import PhotoError

SECRETS = (b"Exif\x00\x00", b"hidden-place-4e7a", b"secret-comment-91c3", b"Photoshop 3.0",
           b"ICC_PROFILE", b"adobe-rgb-test", b"http://ns.adobe.com/xap")
RED, BLUE = (220, 20, 30), (20, 40, 200)


# --- sources the tests make -------------------------------------------------------------

def halves(size: tuple[int, int], mode: str = "RGB") -> Image.Image:
    """Left half red, right half blue: tells which way an image was turned."""
    image = Image.new(mode, size, BLUE)
    image.paste(RED, (0, 0, size[0] // 2, size[1]))
    return image


def adobe_rgb_profile() -> bytes:
    """A matrix/TRC ICC v2 profile with Adobe RGB (1998) primaries, D50-adapted, gamma 2.2."""
    def s15(value: float) -> bytes:
        return struct.pack(">i", round(value * 65536))

    def xyz(x: float, y: float, z: float) -> bytes:
        return b"XYZ \0\0\0\0" + s15(x) + s15(y) + s15(z)

    name = b"adobe-rgb-test\0"
    desc = (b"desc\0\0\0\0" + struct.pack(">I", len(name)) + name + b"\0" * 8 + b"\0\0\0" + b"\0" * 67)
    tags = [(b"desc", desc), (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
            (b"rXYZ", xyz(0.6097, 0.3111, 0.0195)), (b"gXYZ", xyz(0.2053, 0.6257, 0.0609)),
            (b"bXYZ", xyz(0.1492, 0.0632, 0.7446)), (b"cprt", b"text\0\0\0\0none\0")]
    tags += [(sig, b"curv\0\0\0\0" + struct.pack(">IH", 1, 563) + b"\0\0") for sig in (b"rTRC", b"gTRC", b"bTRC")]
    offset = 128 + 4 + 12 * len(tags)
    table, body = b"", b""
    for sig, data in tags:
        data += b"\0" * (-len(data) % 4)
        table += sig + struct.pack(">II", offset + len(body), len(data))
        body += data
    size = offset + len(body)
    header = (struct.pack(">I", size) + b"\0" * 4 + struct.pack(">I", 0x02100000) + b"mntrRGB XYZ "
              + b"\0" * 12 + b"acsp" + b"\0" * 24 + b"\0" * 4 + s15(0.9642) + s15(1.0) + s15(0.8249)
              + b"\0" * 48)
    return header + struct.pack(">I", len(tags)) + table + body


def with_iptc(jpeg: bytes) -> bytes:
    """An APP13 (Photoshop IRB with an IPTC caption) put right after the SOI marker."""
    caption = b"\x1c\x02\x78" + struct.pack(">H", 17) + b"hidden-place-4e7a"
    irb = b"Photoshop 3.0\x008BIM\x04\x04\x00\x00" + struct.pack(">I", len(caption)) + caption
    return jpeg[:2] + b"\xff\xed" + struct.pack(">H", len(irb) + 2) + irb + jpeg[2:]


def phone_jpeg(size=(300, 200), orientation=6) -> bytes:
    """A phone's photo: EXIF orientation, a GPS position, XMP, an IPTC caption and a comment."""
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (45.0, 41.0, 7.0), 3: "E", 4: (9.0, 40.0, 3.0)})
    xmp = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
           b'<rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:Label="hidden-place-4e7a"/>'
           b"</rdf:RDF></x:xmpmeta>")
    out = io.BytesIO()
    halves(size).save(out, "JPEG", quality=95, exif=exif, xmp=xmp, comment=b"secret-comment-91c3",
                      icc_profile=ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    return with_iptc(out.getvalue())


def encoded(image: Image.Image, fmt: str, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def alpha_png() -> bytes:
    """A red square in the middle of a transparent 400x300 canvas."""
    image = Image.new("RGBA", (400, 300), (0, 0, 0, 0))
    image.paste((220, 20, 30, 255), (100, 75, 300, 225))
    return encoded(image, "PNG")


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims a size: its header and one tiny data chunk, the rest never sent."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0")) + chunk(b"IEND", b"")


# --- what a published file must not carry -----------------------------------------------

def jpeg_markers(data: bytes) -> set[int]:
    """The marker of every segment before the image data."""
    assert data[:2] == b"\xff\xd8"
    markers, at = set(), 2
    while True:
        marker = data[at + 1]
        markers.add(marker)
        if marker == 0xDA:
            return markers
        at += 2 + struct.unpack(">H", data[at + 2:at + 4])[0]


def webp_chunks(data: bytes) -> list[bytes]:
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    chunks, at = [], 12
    while at < len(data):
        kind, size = data[at:at + 4], struct.unpack("<I", data[at + 4:at + 8])[0]
        chunks.append(kind)
        at += 8 + size + size % 2
    return chunks


def assert_clean(variant: photos.Variant) -> None:
    for secret in SECRETS:
        assert secret not in variant.data, (variant.name, secret)
    with Image.open(io.BytesIO(variant.data)) as image:
        assert image.format == {"jpeg": "JPEG", "webp": "WEBP"}[variant.format]
        assert image.size == (variant.width, variant.height)
        assert not image.getexif()
        assert not {"exif", "xmp", "icc_profile", "comment", "photoshop", "XML:com.adobe.xmp"} & set(image.info)
    if variant.format == "jpeg":
        assert jpeg_markers(variant.data) <= {0xE0, 0xDB, 0xC0, 0xC2, 0xC4, 0xDD, 0xDA}
    else:
        assert set(webp_chunks(variant.data)) <= {b"VP8 ", b"VP8L", b"VP8X", b"ALPH"}


# --- tests -------------------------------------------------------------------------------

def test_a_phone_photo_is_published_upright_and_without_any_metadata():
    source = phone_jpeg(size=(300, 200), orientation=6)
    with Image.open(io.BytesIO(source)) as image:  # the source does carry all of it
        assert image.getexif().get_ifd(0x8825) and "xmp" in image.info and "comment" in image.info
    photo = photos.make_photo(source, "content/articles/derby/lead.jpg")
    assert (photo.width, photo.height) == (200, 300)  # turned a quarter clockwise, as shown
    for variant in photo.variants:
        assert_clean(variant)
        with Image.open(io.BytesIO(variant.data)) as image:
            top, bottom = image.convert("RGB").getpixel((100, 40)), image.convert("RGB").getpixel((100, 260))
        assert top[0] > 180 and top[2] < 80, top  # the left (red) half is now on top
        assert bottom[2] > 160 and bottom[0] < 80, bottom


@pytest.mark.parametrize("orientation, shown", [(1, (300, 200)), (3, (300, 200)), (6, (200, 300)), (8, (200, 300))])
def test_every_orientation_gives_the_size_as_shown(orientation, shown):
    photo = photos.make_photo(phone_jpeg((300, 200), orientation), "a.jpg")
    assert (photo.width, photo.height) == shown


@pytest.mark.parametrize("size, widths, expected", [
    ((4000, 3000), photos.WIDTHS, [480, 800, 1200, 1600]),
    ((1000, 500), photos.WIDTHS, [480, 800, 1000]),
    ((800, 600), photos.WIDTHS, [480, 800]),
    ((300, 300), photos.WIDTHS, [300]),
    ((1600, 900), photos.WIDTHS, [480, 800, 1200, 1600]),
    ((1000, 750), (320, 640), [320, 640]),
])
def test_widths_are_never_larger_than_the_original(size, widths, expected):
    photo = photos.make_photo(encoded(halves(size), "JPEG"), "p.jpg", widths=widths)
    for fmt in ("webp", "jpeg"):
        variants = photo.of_format(fmt)
        assert [v.width for v in variants] == expected
        for v in variants:
            assert v.height == round(size[1] * v.width / size[0])
            assert v.name.startswith("p-") and v.name.endswith(f"-{v.width}.{'jpg' if fmt == 'jpeg' else 'webp'}")
    assert (photo.width, photo.height) == (photo.variants[-1].width, photo.variants[-1].height)


def test_a_png_with_alpha_keeps_it_in_webp_and_is_flattened_on_white_in_jpeg():
    photo = photos.make_photo(alpha_png(), "crest.png")
    webp, jpeg = photo.of_format("webp")[0], photo.of_format("jpeg")[0]
    with Image.open(io.BytesIO(webp.data)) as image:
        assert image.mode == "RGBA"
        assert image.getpixel((5, 5))[3] == 0 and image.getpixel((200, 150))[3] == 255
    with Image.open(io.BytesIO(jpeg.data)) as image:
        assert image.mode == "RGB"
        assert min(image.getpixel((5, 5))) > 245  # transparent became white, not black
        red = image.getpixel((200, 150))
        assert red[0] > 180 and red[1] < 60


def test_an_opaque_alpha_channel_is_dropped():
    image = halves((400, 300)).convert("RGBA")
    photo = photos.make_photo(encoded(image, "PNG"), "opaque.png")
    with Image.open(io.BytesIO(photo.of_format("webp")[0].data)) as webp:
        assert webp.mode == "RGB"


@pytest.mark.parametrize("name, source", [
    ("webp.webp", lambda: encoded(halves((640, 480)), "WEBP", quality=90)),
    ("palette.png", lambda: encoded(halves((640, 480)).convert("P"), "PNG")),
    ("grey.jpg", lambda: encoded(halves((640, 480)).convert("L"), "JPEG")),
    ("sixteen-bit.png", lambda: encoded(Image.new("I;16", (640, 480), 40000), "PNG")),
    ("cmyk.jpg", lambda: encoded(halves((640, 480)).convert("CMYK"), "JPEG")),
    ("two-pictures.jpg", lambda: encoded(halves((640, 480)), "MPO", save_all=True,
                                         append_images=[halves((320, 240))], exif=Image.Exif())),
])
def test_every_kind_of_source_gives_clean_variants(name, source):
    photo = photos.make_photo(source(), name)
    assert [v.width for v in photo.of_format("webp")] == [480, 640]
    for variant in photo.variants:
        assert_clean(variant)


def test_an_embedded_colour_profile_is_converted_to_srgb_then_dropped():
    colour = (200, 100, 50)
    icc = adobe_rgb_profile()
    tagged = photos.make_photo(encoded(Image.new("RGB", (64, 64), colour), "JPEG", quality=100, icc_profile=icc), "wide.jpg")
    plain = photos.make_photo(encoded(Image.new("RGB", (64, 64), colour), "JPEG", quality=100), "plain.jpg")
    expected = ImageCms.profileToProfile(Image.new("RGB", (1, 1), colour), ImageCms.ImageCmsProfile(io.BytesIO(icc)),
                                         ImageCms.createProfile("sRGB")).getpixel((0, 0))
    with Image.open(io.BytesIO(tagged.of_format("jpeg")[0].data)) as image:
        converted = image.getpixel((32, 32))
    with Image.open(io.BytesIO(plain.of_format("jpeg")[0].data)) as image:
        untouched = image.getpixel((32, 32))
    assert max(abs(a - b) for a, b in zip(converted, expected)) <= 4
    assert max(abs(a - b) for a, b in zip(converted, untouched)) >= 10  # the profile did change it
    for variant in tagged.variants:
        assert_clean(variant)


def test_the_settings_key_changes_with_the_settings():
    assert photos.settings_key() == photos.settings_key(photos.WIDTHS)
    assert photos.settings_key() != photos.settings_key((480, 960))
    assert photos.settings_key() != photos.settings_key(max_pixels=10)


def test_the_same_source_gives_the_same_bytes_in_another_process():
    source = phone_jpeg((900, 600))
    here = [(v.name, v.data) for v in photos.make_photo(source, "same.jpg").variants]
    assert here == [(v.name, v.data) for v in photos.make_photo(source, "same.jpg").variants]
    script = ("import sys; from recaps import photos; "
              "print(' '.join(v.name for v in photos.make_photo(sys.stdin.buffer.read(), 'same.jpg').variants))")
    there = subprocess.run([sys.executable, "-c", script], input=source, capture_output=True, check=True,
                           cwd=Path(__file__).resolve().parents[2])
    assert there.stdout.decode().split() == [name for name, _ in here]


@pytest.mark.parametrize("source, message", [
    (lambda: b"Atalanta 1-3 Club Brugge\n", "photos/x.jpg: is not a JPEG, PNG or WebP image"),
    (lambda: b"", "photos/x.jpg: is not a JPEG, PNG or WebP image"),
    (lambda: encoded(halves((64, 64)), "GIF"), "photos/x.jpg: is not a JPEG, PNG or WebP image"),
    (lambda: phone_jpeg((600, 400))[:1500], "photos/x.jpg: is damaged or truncated and cannot be read"),
    (lambda: encoded(halves((600, 400)), "PNG")[:900], "photos/x.jpg: is damaged or truncated and cannot be read"),
    (lambda: png_header(7000, 7000), "photos/x.jpg: is 7000x7000 pixels, more than the 40,000,000 a photo may have; "
                                     "publish a smaller copy"),
    (lambda: png_header(100_000, 100_000), "photos/x.jpg: has more than the 40,000,000 pixels a photo may have; "
                                           "publish a smaller copy"),
])
def test_a_bad_file_is_refused_in_words(source, message):
    for make in (photos.make_photo, photos.make_share_image):
        with pytest.raises(PhotoError) as caught:
            make(source(), "photos/x.jpg")
        assert str(caught.value) == message


def test_share_image_is_a_centre_crop_at_1200x630():
    image = Image.new("RGB", (1000, 1000), BLUE)
    image.paste(RED, (0, 220, 1000, 780))  # the middle band fills a 1.9:1 crop of the centre, 525 high
    share = photos.make_share_image(encoded(image, "JPEG", quality=95), "lead.jpg")
    assert share.format == "jpeg" and (share.width, share.height) == photos.SHARE_SIZE
    assert share.name.startswith("lead-share-") and share.name.endswith("-1200.jpg")
    assert_clean(share)
    with Image.open(io.BytesIO(share.data)) as shown:
        assert shown.size == (1200, 630)
        for point in ((10, 10), (600, 315), (1190, 620)):
            assert shown.getpixel(point)[0] > 180


def test_picture_gives_the_template_everything_it_needs():
    photo = photos.make_photo(encoded(halves((1000, 500)), "JPEG"), "Gol di Lookman.jpg")
    picture = photo.picture("/articles/derby/")
    webp, jpeg = photo.of_format("webp"), photo.of_format("jpeg")
    assert picture == {
        "sources": [{"type": "image/webp", "sizes": photos.SIZES,
                     "srcset": ", ".join(f"/articles/derby/{v.name} {v.width}w" for v in webp)}],
        "src": f"/articles/derby/{jpeg[1].name}",  # 800 wide
        "srcset": ", ".join(f"/articles/derby/{v.name} {v.width}w" for v in jpeg),
        "sizes": photos.SIZES, "width": 1000, "height": 500,
    }
    assert jpeg[1].name.startswith("gol-di-lookman-") and jpeg[1].media_type == "image/jpeg"


@pytest.fixture
def project(tmp_path):
    (tmp_path / "content" / "articles" / "derby").mkdir(parents=True)
    (tmp_path / "content" / "images").mkdir()
    (tmp_path / "content" / "articles" / "derby" / "lead.jpg").write_bytes(b"beside")
    (tmp_path / "content" / "images" / "crowd.jpg").write_bytes(b"shared")
    (tmp_path.parent / "outside.jpg").write_bytes(b"secret")
    (tmp_path / "content" / "images" / "link.jpg").symlink_to(tmp_path.parent / "outside.jpg")
    return tmp_path


@pytest.mark.parametrize("src, found", [("lead.jpg", b"beside"), ("crowd.jpg", b"shared")])
def test_a_photo_is_found_beside_the_recap_or_under_images(project, src, found):
    path, data = photos.read_photo(project, project / "content/articles/derby", project / "content/images", src)
    assert data == found and path.is_file()


@pytest.mark.parametrize("src, message", [
    ("missing.jpg", "no photo 'missing.jpg' beside the recap or in content/images/"),
    ("../../../../outside.jpg", "the photo '../../../../outside.jpg' is outside the project"),
    ("link.jpg", "the photo 'link.jpg' is outside the project"),
    ("/etc/passwd", "the photo '/etc/passwd' is outside the project"),
])
def test_a_missing_photo_or_one_outside_the_project_is_refused(project, src, message):
    with pytest.raises(PhotoError) as caught:
        photos.read_photo(project, project / "content/articles/derby", project / "content/images", src)
    assert caught.value.message.startswith(message)
