/// Deploying a built site (`sitegen publish`) and starting a new one (`sitegen init`).
enum Publish {}
