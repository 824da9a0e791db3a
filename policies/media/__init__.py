"""What a photo reveals besides its caption: text in the picture, QR codes and barcodes, and faces.

The engines (RapidOCR's bundled PP-OCR models on ONNX Runtime; OpenCV's bundled Haar
cascade) load lazily, once per process, from files inside their packages: nothing is
downloaded at run time. If an engine cannot load, `MediaScreenUnavailable` says how to
fix it, and posts with images fail closed (social_bot/media.py).
"""

from __future__ import annotations

from .engines import MediaScreenUnavailable
from .judge import (
                    ImageFinding,
                    code_text,
                    face_finding,
                    image_text_findings,
                    ocr_text,
                    undecoded_findings,
)

__all__ = ["ImageFinding", "MediaScreenUnavailable", "code_text", "face_finding",
           "image_text_findings", "ocr_text", "undecoded_findings"]
