// Our own English tone lexicon: word, then a valence from -4 (hostile) to +3 (delighted).
// Written for customer care: words about broken service, waiting and money weigh more than in
// general-purpose lexicons. Lower-case; an apostrophe-free form is listed where people drop it.
extension ToneLexicon {
    static let englishSource = """
        abandoned -2 abusive -3 absurd -2 aggravated -3 aggravating -3 agony -3 annoyed -2 annoying -2
        angry -3 angrier -3 angriest -4 anger -3 anxious -2 appalled -3 appalling -3 atrocious -4 awful -3
        bad -2 badly -2 baffled -1 betrayed -3 bitter -2 blocked -1 bogus -3 boring -1 bother -1 bothered -2
        broke -2 broken -2 bug -1 buggy -2 bullshit -4 burned -2 cancel -1 cancelled -1 careless -2 charged -1
        cheated -3 cheat -3 clueless -2 complain -2 complaint -2 confused -1 confusing -1 crap -3 crappy -3
        crash -2 crashed -2 crashes -2 crazy -1 cringe -2 cruel -3 damaged -2 damn -2 dead -2 deceived -3
        defective -3 delay -1 delayed -2 delays -2 demand -1 denied -2 depressed -2 desperate -2 despise -4
        destroyed -3 disappointed -2 disappointing -2 disappointment -2 disaster -3 disastrous -3 disgrace -3
        disgraceful -3 disgusted -3 disgusting -3 dishonest -3 dislike -2 dismal -2 dissatisfied -2 down -1
        dreadful -3 dumb -2 embarrassing -2 enough -1 error -1 errors -1 expensive -1 fail -2 failed -2
        failing -2 fails -2 failure -2 fake -3 fed -1 fault -1 faulty -2 fed-up -3 fee -1 fees -1 fraud -4
        fraudulent -4 frustrated -2 frustrating -2 frustration -2 fuck -4 fucking -4 furious -4 garbage -3
        ghosted -2 glitch -1 grr -2 gross -2 hate -3 hated -3 hateful -3 hates -3 hell -3 helpless -2
        hopeless -2 horrible -3 horrendous -4 horrific -4 hostile -3 hurt -2 idiot -3 idiots -3 ignored -2
        ignoring -2 incompetent -3 inconvenience -1 inconvenient -1 infuriated -4 infuriating -4 insane -2
        insult -3 insulting -3 irritated -2 irritating -2 joke -2 junk -3 lame -2 liar -3 liars -3 lie -2
        lied -3 lies -3 lost -2 lousy -3 mad -3 mess -2 messed -2 mislead -3 misleading -3 missing -2
        mistake -2 mistakes -2 nightmare -3 nonsense -2 offended -2 outage -2 outraged -4 outrageous -3
        overcharged -3 overpriced -2 pathetic -3 pissed -4 poor -2 problem -1 problems -1 rage -4 refund -1
        regret -2 ridiculous -3 rip-off -3 ripoff -3 robbed -3 rude -3 ruined -3 sad -2 scam -4 scammed -4
        scammers -4 screwed -3 shame -2 shameful -3 shit -4 shitty -4 shocked -2 sick -2 slow -1 sloppy -2
        sorry -1 spam -2 stuck -2 stupid -3 sucks -3 suck -3 terrible -3 theft -4 threat -3 tired -2 trash -3
        trouble -2 ugh -2 unacceptable -3 unauthorized -2 unavailable -1 unfair -2 unhappy -2 unhelpful -2
        unprofessional -3 unreliable -2 unresponsive -2 upset -2 useless -3 waiting -1 waste -2 wasted -2
        worried -2 worse -3 worst -4 worthless -3 wrong -2 wtf -4 yelled -2 refused -2 declined -1
        nobody -1 never -1 lawsuit -3 lawyer -2 sue -3 report -1 unsubscribe -1 leaving -1 switch -1
        dreadfully -3 miserable -3 misery -3 annoyance -2 hassle -2 headache -2 painful -2 pain -2
        issue -1 issues -1 impossible -2 inaccurate -2 incorrect -2 invalid -1 late -1 later -1 losing -2
        terribly -3 poorly -2 angrily -3 unusable -3 laggy -2 freezes -2 frozen -1 hacked -3 stolen -3
        accept 1 amazing 3 appreciate 2 appreciated 2 awesome 3 beautiful 3 best 3 better 2 brilliant 3
        calm 1 care 1 cheers 2 clear 1 comfortable 2 cool 1 correct 1 delighted 3 delight 3 easy 1
        effective 2 efficient 2 enjoy 2 enjoyed 2 excellent 3 excited 3 exciting 3 fabulous 3 fair 1
        fantastic 3 fast 1 fine 1 fixed 2 friendly 2 glad 2 good 2 grateful 3 great 3 happy 3 helpful 2
        honest 2 hooray 2 impressed 3 kind 2 like 1 liked 2 love 3 loved 3 lovely 3 loving 3 lucky 2
        nice 2 perfect 3 pleased 2 pleasant 2 polite 2 positive 2 pretty 1 professional 2 quick 2
        quickly 1 recommend 2 relief 2 relieved 2 reliable 2 resolved 2 respect 2 satisfied 2 smooth 2
        smoothly 2 solved 2 sorted 2 splendid 3 super 2 superb 3 support 1 supportive 2 sweet 2 terrific 3
        thank 2 thanks 2 thankful 2 thx 2 ty 2 top 2 useful 2 valuable 2 welcome 2 well 1 wonderful 3
        wow 2 yay 3 awesomeness 3 outstanding 3 legend 3 hero 2 champion 2 please 0 works 1 working 1
        """
}
