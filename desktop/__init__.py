"""The Qt desktop application of MSCC Pathway. All clinical logic lives in `engine`."""
