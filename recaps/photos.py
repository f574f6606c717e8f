"""Recap photos: a source image's bytes in, the published sizes and formats out.

Pure: bytes in, bytes out, no disk except in `read_photo`, which finds a photo a recap
names and reads it. Every variant is re-encoded from decoded pixels, so nothing of the
source's metadata (EXIF with its GPS position, XMP, IPTC, comments, ICC profile) can
reach the site; colours are converted to sRGB first and the EXIF orientation applied.
Encoder settings are fixed, so the same source gives the same bytes on every run.

A problem is a `PhotoError` whose text is `path: message`; the caller adds the line.
"""
from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import ExifTags, Image, ImageCms, ImageOps

from recaps.names import slugify

WIDTHS = (480, 800, 1200, 1600)  # what phones, tablets and desktops ask for, 1x and 2x
MAX_PIXELS = 40_000_000  # a 48-megapixel phone photo is 8000x6000 = 48M; decoded that is 144 MB
SIZES = "(min-width: 820px) 740px, 100vw"  # style.css: a .recap is 820px wide at most, less padding
FORMATS = ("JPEG", "PNG", "WEBP")  # what a writer may give; anything else is refused unread
JPEG_QUALITY = 82
WEBP_QUALITY = 80
SHARE_SIZE = (1200, 630)  # og:image, as every network crops it
FLATTEN_ON = (255, 255, 255)  # a transparent PNG's background in JPEG, which has no alpha
FALLBACK_WIDTH = 800  # the `<img src>` for a browser that reads no srcset
MEDIA_TYPES = {"webp": "image/webp", "jpeg": "image/jpeg"}
EXTENSIONS = {"webp": "webp", "jpeg": "jpg"}

# Pillow's own guard warns above Image.MAX_IMAGE_PIXELS and refuses above twice that; here
# both refuse, and a smaller `max_pixels` is checked from the header before any decoding.
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError)
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


class PhotoError(Exception):
    """A photo that cannot be published; str() is `path: message`."""

    def __init__(self, path: str | Path, message: str):
        super().__init__(f"{path}: {message}")
        self.path = str(path)
        self.message = message


@dataclass(frozen=True)
class Variant:
    """One published file: its format ("webp" | "jpeg"), pixel size, bytes and file name."""

    format: str
    width: int
    height: int
    data: bytes
    name: str  # <stem>-<first 8 hex of the bytes' sha256>-<width>.<ext>

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.format]


@dataclass(frozen=True)
class Photo:
    """A photo's published variants, smallest first within each format."""

    width: int  # the largest variant's size: what `<img width height>` give for the aspect ratio
    height: int
    variants: tuple[Variant, ...]

    def of_format(self, fmt: str) -> list[Variant]:
        return [v for v in self.variants if v.format == fmt]

    def srcset(self, fmt: str, url_prefix: str = "") -> str:
        """`srcset` for one format: `prefix/name 480w, ...`."""
        return ", ".join(f"{url_prefix}{v.name} {v.width}w" for v in self.of_format(fmt))

    def fallback(self) -> Variant:
        """The JPEG for `<img src>`: the largest not wider than FALLBACK_WIDTH, else the smallest."""
        jpegs = self.of_format("jpeg")
        fitting = [v for v in jpegs if v.width <= FALLBACK_WIDTH]
        return fitting[-1] if fitting else jpegs[0]

    def picture(self, url_prefix: str = "", sizes: str = SIZES) -> dict:
        """What a `<picture>` needs: a WebP `<source>` and a JPEG `<img>` with its size.

        `url_prefix` is the folder URL the variants are published under, ending in "/".
        """
        return {
            "sources": [{"type": "image/webp", "srcset": self.srcset("webp", url_prefix), "sizes": sizes}],
            "src": url_prefix + self.fallback().name,
            "srcset": self.srcset("jpeg", url_prefix),
            "sizes": sizes,
            "width": self.width,
            "height": self.height,
        }


def read_photo(project_dir: Path, recap_dir: Path, images_dir: Path, src: str) -> tuple[Path, bytes]:
    """The file a recap names as `src`, found beside the recap, else under `images_dir`.

    `src` is relative to the recap's folder (a page bundle) or to `images_dir`
    (content/images/). A path that leads out of `project_dir`, symbolic links
    followed, is refused, as is a name found in neither place.
    """
    project = project_dir.resolve()
    candidates = [recap_dir / src, images_dir / src]
    for candidate in candidates:
        resolved = candidate.resolve()
        if not resolved.is_relative_to(project):
            raise PhotoError(candidate, f"the photo '{src}' is outside the project; "
                             "put it beside the recap or under the images folder")
    for candidate in candidates:
        if candidate.is_file():
            return candidate, candidate.read_bytes()
    shown = images_dir.resolve().relative_to(project) if images_dir.resolve().is_relative_to(project) else images_dir
    raise PhotoError(recap_dir / src, f"no photo '{src}' beside the recap or in {shown.as_posix()}/")


def open_photo(data: bytes, path: str | Path, max_pixels: int = MAX_PIXELS,
               draft_size: tuple[int, int] | None = None) -> Image.Image:
    """Decode a JPEG, PNG or WebP: upright, in sRGB, mode RGB or RGBA, with no metadata.

    `draft_size` (upright) lets a JPEG decode at a reduced scale still at least that large.
    """
    return _decode(_open(data, path, max_pixels), path, draft_size)


def make_photo(data: bytes, path: str | Path, widths: tuple[int, ...] = WIDTHS,
               max_pixels: int = MAX_PIXELS) -> Photo:
    """A photo's variants, WebP and JPEG: each of `widths` not wider than the original,
    and the original's own width when it is narrower than the widest of `widths`."""
    header = _open(data, path, max_pixels)
    width, height = _upright(header, header.size, path)
    targets = {w for w in widths if w <= width} | ({width} if width < max(widths) else set())
    sizes = [(w, max(1, round(height * w / width))) for w in sorted(targets)]
    image = _decode(header, path, draft_size=sizes[-1])
    stem = slugify(Path(path).stem) or "photo"
    scaled = {}
    for size in reversed(sizes):  # each from the next larger: half the work, the same look
        image = image.resize(size, Image.Resampling.LANCZOS) if image.size != size else image
        scaled[size] = image
    variants = [_variant(stem, fmt, _encode(scaled[size], fmt), size) for fmt in ("webp", "jpeg") for size in sizes]
    return Photo(width=sizes[-1][0], height=sizes[-1][1], variants=tuple(variants))


def make_share_image(data: bytes, path: str | Path, max_pixels: int = MAX_PIXELS) -> Variant:
    """The lead photo as a share image: centre-cropped to 1200x630, JPEG."""
    image = open_photo(data, path, max_pixels=max_pixels, draft_size=SHARE_SIZE)
    cropped = ImageOps.fit(image, SHARE_SIZE, Image.Resampling.LANCZOS, centering=(0.5, 0.5))
    stem = slugify(Path(path).stem) or "photo"
    return _variant(stem + "-share", "jpeg", _encode(cropped, "jpeg"), SHARE_SIZE)


def settings_key(widths: tuple[int, ...] = WIDTHS, max_pixels: int = MAX_PIXELS) -> str:
    """What besides the source's bytes decides the output: with their digest, the cache key."""
    return repr((tuple(widths), max_pixels, JPEG_QUALITY, WEBP_QUALITY, SHARE_SIZE, FLATTEN_ON,
                 Image.__version__))


def _open(data: bytes, path: str | Path, max_pixels: int) -> Image.Image:
    """The image's header read, its kind and size checked; no pixel decoded yet."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=FORMATS)
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise PhotoError(path, f"has more than the {max_pixels:,} pixels a photo may have; "
                         "publish a smaller copy") from None
    except Image.UnidentifiedImageError:
        raise PhotoError(path, "is not a JPEG, PNG or WebP image") from None
    except _DECODE_ERRORS:
        raise PhotoError(path, "is damaged or truncated and cannot be read") from None
    width, height = image.size
    if width * height > max_pixels:
        raise PhotoError(path, f"is {width}x{height} pixels, more than the {max_pixels:,} "
                         "a photo may have; publish a smaller copy")
    return image


def _decode(image: Image.Image, path: str | Path, draft_size: tuple[int, int] | None) -> Image.Image:
    if draft_size and image.format in ("JPEG", "MPO"):  # MPO: a phone's JPEG with a second picture
        image.draft("RGB", _upright(image, draft_size, path))  # a quarter turn swaps back alike
    try:
        image.load()
        image = ImageOps.exif_transpose(image)
    except _DECODE_ERRORS:
        raise PhotoError(path, "is damaged or truncated and cannot be read") from None
    image = _to_srgb(image)
    image.info = {}
    return image


def _upright(image: Image.Image, size: tuple[int, int], path: str | Path) -> tuple[int, int]:
    """`size` as shown: swapped when the EXIF orientation turns the image a quarter."""
    try:
        orientation = image.getexif().get(ExifTags.Base.Orientation, 1)
    except _DECODE_ERRORS:  # a PNG's EXIF may come after its pixels, and be cut off
        raise PhotoError(path, "is damaged or truncated and cannot be read") from None
    return (size[1], size[0]) if orientation in (5, 6, 7, 8) else size


def _to_srgb(image: Image.Image) -> Image.Image:
    """RGB or RGBA pixels in sRGB: an embedded ICC profile is converted from, then dropped."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    mode = "RGBA" if has_alpha else "RGB"
    icc = image.info.get("icc_profile")
    if image.mode == "P" or image.mode.startswith("I"):
        image = image.convert("RGBA" if has_alpha else "RGB") if image.mode == "P" else _wide_to_rgb(image)
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            image = ImageCms.profileToProfile(image, source, _SRGB, outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # an unreadable profile: the pixels are taken as sRGB, as browsers do
    image = image.convert(mode) if image.mode != mode else image
    if mode == "RGBA" and image.getchannel("A").getextrema() == (255, 255):
        image = image.convert("RGB")  # an alpha channel that hides nothing
    return image


def _wide_to_rgb(image: Image.Image) -> Image.Image:
    """16-bit and 32-bit grey to 8-bit RGB (Pillow's convert clips instead of scaling)."""
    top = 65535 if image.mode.startswith("I;16") else (image.getextrema()[1] or 1)
    scaled = image.convert("I").point(lambda v: v * 255 / max(top, 1))
    return scaled.convert("L").convert("RGB")


def _encode(image: Image.Image, fmt: str) -> bytes:
    """Fixed settings and no metadata: the same pixels always give the same bytes."""
    image.info = {}
    out = io.BytesIO()
    if fmt == "webp":
        image.save(out, "WEBP", quality=WEBP_QUALITY, method=4, exact=False)
    else:
        if image.mode == "RGBA":
            flat = Image.new("RGB", image.size, FLATTEN_ON)
            flat.paste(image, mask=image.getchannel("A"))
            image = flat
        image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True,
                   subsampling="4:2:0")
    return out.getvalue()


def _variant(stem: str, fmt: str, data: bytes, size: tuple[int, int]) -> Variant:
    digest = hashlib.sha256(data).hexdigest()[:8]
    return Variant(format=fmt, width=size[0], height=size[1], data=data,
                   name=f"{stem}-{digest}-{size[0]}.{EXTENSIONS[fmt]}")
