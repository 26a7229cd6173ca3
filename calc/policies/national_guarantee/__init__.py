"""支持科技创新专项担保计划: policy ``national-guarantee``."""
