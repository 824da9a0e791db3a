from social_bot.cli import main

main()
